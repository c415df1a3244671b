using Castellan.Domain.Catalogs;
using FsCheck.Xunit;

namespace Castellan.Domain.Tests.Catalogs;

public sealed class LevelSetTests
{
    [Property]
    public bool Of_ContainsExactlyTheGivenLevels(bool l1, bool l2, bool l3, bool l4)
    {
        var wanted = new[] { l1, l2, l3, l4 }.Select((on, i) => (on, level: i + 1)).Where(x => x.on).Select(x => x.level).ToArray();
        var set = LevelSet.Of(wanted);
        return Enumerable.Range(1, 4).All(level => set.Contains(level) == wanted.Contains(level))
            && set.Levels.SequenceEqual(wanted)
            && LevelSet.FromMask(set.Mask) == set;
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, true, 1)]
    [InlineData(new[] { 2, 3, 4 }, true, 2)]
    [InlineData(new[] { 4 }, true, 4)]
    [InlineData(new[] { 2, 3 }, false, 2)]
    [InlineData(new[] { 1, 3, 4 }, false, 1)]
    public void IsUpwardClosed_MatchesSlMatrixShape(int[] levels, bool closed, int first)
    {
        var set = LevelSet.Of(levels);
        set.IsUpwardClosed.ShouldBe(closed);
        set.First.ShouldBe(first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Of_LevelOutsideOneToFour_Throws(int level) =>
        Should.Throw<ArgumentOutOfRangeException>(() => LevelSet.Of(level));

    [Fact]
    public void Empty_HasNoFirstLevel()
    {
        LevelSet.Empty.IsEmpty.ShouldBeTrue();
        LevelSet.Empty.First.ShouldBeNull();
        LevelSet.Empty.IsUpwardClosed.ShouldBeFalse();
        LevelSet.Empty.Contains(1).ShouldBeFalse();
    }
}
