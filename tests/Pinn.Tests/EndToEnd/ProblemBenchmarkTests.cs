using System.Text.Json;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary><c>pinn bench problems</c>: the same problem, network and points with another optimizer (<c>--optimizer</c>),
/// and the published figures beside each problem.</summary>
public sealed class ProblemBenchmarkTests
{
    private const string TwoStages = """
        { "name": "tiny-two-stages", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 50, "boundary": 20 } },
          "stages": [
            { "optimizer": { "name": "sgd", "options": { "lr": 0.001 } }, "budget": { "seconds": 20 } },
            { "optimizer": { "name": "adam" }, "budget": { "steps": 100000 } } ],
          "evaluation": { "every": 5, "points": 300 } }
        """;

    [Fact]
    public void The_optimizer_override_replaces_every_stage_by_one_stage_of_that_optimizer_with_the_given_options()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("tiny.json"), TwoStages);

        var code = Host.Program.Main(["bench", "problems", temp.Combine("tiny.json"), "--seconds", "0.5", "--optimizer", "engd",
                                      "--optimizer-options", """{ "rcond": 1e-8 }""", "--out", temp.Combine("out"), "--json", temp.Combine("bench.json")]);

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.Combine("bench.json")));
        var record = json.RootElement.EnumerateArray().Single();
        record.GetProperty("optimizer").GetString().ShouldBe("engd");
        record.GetProperty("problem").GetString().ShouldBe("poisson2d");
        using var resolved = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "tiny", "manifest.resolved.json")));
        var stage = resolved.RootElement.GetProperty("stages").EnumerateArray().Single();
        stage.GetProperty("optimizer").GetProperty("name").GetString().ShouldBe("engd");
        stage.GetProperty("optimizer").GetProperty("options").GetProperty("rcond").GetDouble().ShouldBe(1e-8);
        stage.GetProperty("budget").GetProperty("seconds").GetDouble().ShouldBe(0.5, 1e-12);
        resolved.RootElement.GetProperty("model").GetProperty("hidden")[0].GetInt32().ShouldBe(8);
    }

    [Fact]
    public void Optimizer_options_that_are_not_a_json_object_are_refused_before_any_run()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("tiny.json"), TwoStages);
        var (code, error) = HostCommand.Run("bench", "problems", temp.Combine("tiny.json"), "--optimizer", "engd", "--optimizer-options", "[1]",
                                           "--out", temp.Combine("out"));
        code.ShouldBe(2);
        error.ShouldContain("--optimizer-options: not a JSON object");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse();
    }

    [Fact]
    public void The_published_column_gives_PINNacles_figures_for_its_problems_and_the_papers_for_the_others()
    {
        Pinn.Host.Benchmarks.ProblemBenchmark.PublishedFor("ns2d-c").Select(f => $"{f.Source}: {f.RelativeL2}")
            .ShouldBe(["PINNacle best: 3.60e-2 (LAAF)", "PINNacle PINN: 4.70e-2"]);
        Pinn.Host.Benchmarks.ProblemBenchmark.PublishedFor("wave1d-c").Select(f => f.Source).ShouldBe(["PINNacle best"]);   // no plain-PINN figure
        Pinn.Host.Benchmarks.ProblemBenchmark.PublishedFor("heat1d").Select(f => f.Source).ShouldBe(["ANaGRAM", "AMStramGRAM"]);
        Pinn.Host.Benchmarks.ProblemBenchmark.PublishedFor("my-own-problem").ShouldBeEmpty();
    }
}
