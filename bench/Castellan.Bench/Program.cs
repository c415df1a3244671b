using BenchmarkDotNet.Running;

namespace Castellan.Bench;

/// <summary>In-process benchmarks (BenchmarkDotNet). Whole-process comparisons are in bench/run.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
