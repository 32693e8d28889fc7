using Pinn.Abstractions.Derivatives;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Engines;

/// <summary>The operator benchmark measures every engine of a case in both modes against autodiff (structure only: no timing is asserted).</summary>
public sealed class OperatorBenchmarkTests
{
    [Fact]
    public void Each_engine_is_measured_in_both_modes_with_its_ratio_against_autodiff()
    {
        var catalog = PluginCatalog.Load([RepositoryRoot.Plugins]);
        OperatorBenchmark.DefaultCases().Select(c => c.Name).ShouldBe(
            ["laplacian d=2", "laplacian d=10", "laplacian d=100", .. Enumerable.Range(1, 8).Select(k => $"derivative k={k}")]);
        var tiny = new[]
        {
            new OperatorCase("laplacian d=3", [3, 8, 1], 5, LaplacianOperator.AllAxes, ["autodiff", "forward-laplacian"]),
            new OperatorCase("derivative k=3", [1, 8, 1], 5, PartialDerivative.Of(0, 0, 0), ["autodiff", "n-tangentprop"]),
        };
        var records = new OperatorBenchmark(catalog, warmup: 0, repeats: 1).Run(tiny, _ => { }).ToList();
        records.Select(r => $"{r.Case}|{r.Engine}|{r.Mode}").ShouldBe(
        [
            "laplacian d=3|autodiff|forward", "laplacian d=3|forward-laplacian|forward",
            "laplacian d=3|autodiff|forward+backward", "laplacian d=3|forward-laplacian|forward+backward",
            "derivative k=3|autodiff|forward", "derivative k=3|n-tangentprop|forward",
            "derivative k=3|autodiff|forward+backward", "derivative k=3|n-tangentprop|forward+backward",
        ]);
        foreach (var r in records)
        {
            r.Ms.ShouldBeGreaterThan(0);
            r.RatioVsAutodiff.ShouldBeGreaterThan(0);
            if (r.Engine == "autodiff") r.RatioVsAutodiff.ShouldBe(1.0);
        }
    }

    [Fact]
    public void With_several_processes_each_case_reports_the_median_over_processes_and_their_spread()
    {
        using var temp = new TemporaryDirectory();
        var (code, output, error) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(3), "bench", "operators", "--processes", "3", "--cases", "derivative k=1",
                                                    "--repeats", "1", "--warmup", "0", "--json", "spread.json");
        code.ShouldBe(0, error);
        output.ShouldContain("3 processes one after another");
        var rows = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(temp.Combine("spread.json")))!.AsArray();
        rows.Select(r => $"{r!["engine"]}|{r["mode"]}").ShouldBe(
            ["autodiff|forward", "forward-laplacian|forward", "n-tangentprop|forward", "autodiff|forward+backward", "forward-laplacian|forward+backward", "n-tangentprop|forward+backward"],
            ignoreOrder: true);
        ProcessSpread.ShouldSummarise(rows, 3, r => r["engine"]!.GetValue<string>() == "autodiff");
    }
}
