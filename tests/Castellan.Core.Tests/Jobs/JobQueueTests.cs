using Castellan.Core.Common;
using Castellan.Core.Jobs;
using Castellan.Core.Persistence;
using Castellan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Jobs;

/// <summary>The jobs table as a queue shared by several server instances, on SQLite and PostgreSQL.</summary>
public sealed class JobQueueTests
{
    private static readonly string[] Kinds = ["test.kind"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static async Task<DatabaseTarget> DatabaseAsync(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await new MigrateDatabase(TimeProvider.System).RunAsync(database);
        return database;
    }

    private async Task<long> QueueAsync(DatabaseTarget database, string site = "north-wtp", string kind = "test.kind", string userId = "u1")
    {
        await using var db = database.CreateContext();
        return await new QueueJob(db, _clock).RunAsync(new QueueJob.Request(site, kind, "user:alice", userId, InputName: "in.csv", InputContent: [1, 2, 3]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Claim_ManyInstancesRacing_EachJobIsClaimedExactlyOnce(string provider)
    {
        var database = await DatabaseAsync(provider);
        var queued = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            queued.Add(await QueueAsync(database));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(instance => Task.Run(async () =>
        {
            var mine = new List<long>();
            await using var db = database.CreateContext();
            while (await new ClaimJob(db, _clock).RunAsync($"instance-{instance}", Kinds) is { } job)
            {
                job.InputContent.ShouldBe(new byte[] { 1, 2, 3 });
                mine.Add(job.Id);
            }

            return mine;
        })));

        claims.SelectMany(c => c).Order().ShouldBe(queued);
        await using var check = database.CreateContext();
        var rows = await check.Jobs.AsNoTracking().ToListAsync();
        rows.ShouldAllBe(j => j.State == JobState.Running && j.StartedAt != null);
        foreach (var (claimed, instance) in claims.Select((c, i) => (c, i)))
        {
            rows.Where(r => claimed.Contains(r.Id)).ShouldAllBe(r => r.Owner == $"instance-{instance}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Claim_OnlyKindsTheInstanceKnows_AndNothingLeft_IsNull(string provider)
    {
        var database = await DatabaseAsync(provider);
        await QueueAsync(database, kind: "other.kind");
        await using var db = database.CreateContext();

        (await new ClaimJob(db, _clock).RunAsync("instance-1", Kinds)).ShouldBeNull();
        (await new ClaimJob(db, _clock).RunAsync("instance-1", ["other.kind"])).ShouldNotBeNull();
        (await new ClaimJob(db, _clock).RunAsync("instance-1", ["other.kind"])).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Progress_ThenFinish_AreVisibleToAnyReader_AndTheInputIsDropped(string provider)
    {
        var database = await DatabaseAsync(provider);
        var id = await QueueAsync(database);
        await using var db = database.CreateContext();
        await new ClaimJob(db, _clock).RunAsync("instance-1", Kinds);

        (await new RecordJobProgress(db, _clock).RunAsync(id, "instance-1", new WorkProgress("checking rows", 40, 100))).ShouldBeTrue();
        (await new RecordJobProgress(db, _clock).RunAsync(id, "instance-2", new WorkProgress("checking rows", 50, 100))).ShouldBeFalse("not its job");
        await using (var reader = database.CreateContext())
        {
            var status = await new ShowJob(reader).RunAsync("north-wtp", id);
            (status.State, status.Step, status.Done, status.Total, status.HasResult).ShouldBe((JobState.Running, "checking rows", 40L, 100L, false));
            await Should.ThrowAsync<UsageException>(() => new ShowJob(reader).RunAsync("south-wtp", id));
            await Should.ThrowAsync<UsageException>(() => new ShowJob(reader).RunAsync("", id));
        }

        (await new FinishJob(db, _clock).RunAsync(id, "instance-1", new FinishJob.Ending(JobState.Succeeded, "done", ResultName: "r.txt", ResultType: "text/plain",
            ResultContent: [42]))).ShouldBeTrue();
        (await new FinishJob(db, _clock).RunAsync(id, "instance-1", new FinishJob.Ending(JobState.Failed, "again"))).ShouldBeFalse("a job finishes once");
        await using var after = database.CreateContext();
        var finished = await new ShowJob(after).RunAsync("north-wtp", id);
        (finished.State, finished.Message, finished.HasResult, finished.IsFinished).ShouldBe((JobState.Succeeded, "done", true, true));
        (await new ShowJob(after).ResultAsync("north-wtp", id)).Content.ShouldBe(new byte[] { 42 });
        (await after.Jobs.AsNoTracking().SingleAsync(j => j.Id == id)).InputContent.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_QueuedAtOnce_RunningOnRequest_OnlyByItsStarter(string provider)
    {
        var database = await DatabaseAsync(provider);
        var queued = await QueueAsync(database);
        var running = await QueueAsync(database);
        await using var db = database.CreateContext();
        var cancel = new CancelJob(db, _clock);

        (await cancel.RunAsync("north-wtp", queued, "u2", "user:bob")).ShouldBe(CancelJob.Outcome.NotStarter);
        await Should.ThrowAsync<UsageException>(() => cancel.RunAsync("south-wtp", queued, "u1", "user:alice"));
        (await cancel.RunAsync("north-wtp", queued, "u1", "user:alice")).ShouldBe(CancelJob.Outcome.Cancelled);
        (await new ClaimJob(db, _clock).RunAsync("instance-1", Kinds))!.Id.ShouldBe(running, "a cancelled job is never claimed");
        (await cancel.RunAsync("north-wtp", running, "u1", "user:alice")).ShouldBe(CancelJob.Outcome.Requested);
        (await new RecordJobProgress(db, _clock).RunAsync(running, "instance-1", null)).ShouldBeFalse("the runner learns of the cancel at its next write");
        (await new RecordJobProgress(db, _clock).CancelRequestedAsync(running)).ShouldBeTrue();
        (await new FinishJob(db, _clock).RunAsync(running, "instance-1", new FinishJob.Ending(JobState.Cancelled, "stopped"))).ShouldBeTrue();
        (await cancel.RunAsync("north-wtp", running, "u1", "user:alice")).ShouldBe(CancelJob.Outcome.AlreadyFinished);

        var status = await new ShowJob(db).RunAsync("north-wtp", queued);
        (status.State, status.Message).ShouldBe((JobState.Cancelled, "cancelled by user:alice before it started"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaleHeartbeat_FailsTheJobWithAClearMessage_AndItsOwnerCanNoLongerFinishIt(string provider)
    {
        var database = await DatabaseAsync(provider);
        var stale = await QueueAsync(database);
        var alive = await QueueAsync(database);
        await using var db = database.CreateContext();
        await new ClaimJob(db, _clock).RunAsync("crashed-instance", Kinds);
        await new ClaimJob(db, _clock).RunAsync("live-instance", Kinds);
        _clock.Advance(TimeSpan.FromSeconds(90));
        await new RecordJobProgress(db, _clock).RunAsync(alive, "live-instance", null);
        _clock.Advance(TimeSpan.FromSeconds(40));

        (await new FailStaleJobs(db, _clock).RunAsync(TimeSpan.FromMinutes(2))).ShouldBe(1);
        (await new FailStaleJobs(db, _clock).RunAsync(TimeSpan.FromMinutes(2))).ShouldBe(0, "failed once");

        var failed = await new ShowJob(db).RunAsync("north-wtp", stale);
        failed.State.ShouldBe(JobState.Failed);
        failed.Message!.ShouldContain("crashed-instance");
        failed.Message!.ShouldContain("2026-11-26 09:00:00 UTC");
        failed.Message!.ShouldContain("all of its changes or none");
        (await new ShowJob(db).RunAsync("north-wtp", alive)).State.ShouldBe(JobState.Running);
        (await new RecordJobProgress(db, _clock).RunAsync(stale, "crashed-instance", null)).ShouldBeFalse();
        (await new FinishJob(db, _clock).RunAsync(stale, "crashed-instance", new FinishJob.Ending(JobState.Succeeded, null))).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DeleteFinished_RemovesOnlyJobsFinishedLongerAgo(string provider)
    {
        var database = await DatabaseAsync(provider);
        var old = await QueueAsync(database);
        var recent = await QueueAsync(database);
        var waiting = await QueueAsync(database);
        await using var db = database.CreateContext();
        await new CancelJob(db, _clock).RunAsync("north-wtp", old, "u1", "user:alice");
        _clock.Advance(TimeSpan.FromDays(6));
        await new CancelJob(db, _clock).RunAsync("north-wtp", recent, "u1", "user:alice");
        _clock.Advance(TimeSpan.FromDays(2));

        (await new DeleteFinishedJobs(db, _clock).RunAsync(TimeSpan.FromDays(7))).ShouldBe(1);

        (await db.Jobs.AsNoTracking().Select(j => j.Id).OrderBy(i => i).ToListAsync()).ShouldBe([recent, waiting]);
    }
}
