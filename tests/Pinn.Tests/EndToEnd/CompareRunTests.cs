using System.Text.Json;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.EndToEnd;

/// <summary><c>pinn run M --compare M2</c>: M2 trains for the seconds M took and one line gives both errors.</summary>
public sealed class CompareRunTests
{
    private static string Manifest(string name, string optimizer, string budget) => $$"""
        { "name": "{{name}}", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 60, "boundary": 20 } },
          "optimizer": {{optimizer}}, "budget": {{budget}}, "evaluation": { "every": 5, "points": 300 } }
        """;

    [Fact]
    public void The_compared_manifest_trains_for_the_same_seconds_and_one_line_gives_both_errors()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("engd.json"), Manifest("tiny-engd", """{ "name": "engd" }""", """{ "steps": 15 }"""));
        File.WriteAllText(temp.Combine("adam.json"), Manifest("tiny-adam", """{ "name": "adam", "options": { "lr": 0.01 } }""", """{ "seconds": 600 }"""));

        var (code, output, error) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(2), "run", "engd.json", "--out", "first", "--compare", "adam.json");

        code.ShouldBe(0, error);
        using var first = JsonDocument.Parse(File.ReadAllText(temp.Combine("first", "summary.json")));
        var compared = Directory.GetDirectories(temp.Combine("runs", "tiny-adam")).ShouldHaveSingleItem();
        using var second = JsonDocument.Parse(File.ReadAllText(Path.Combine(compared, "summary.json")));
        second.RootElement.GetProperty("stoppedBecause").GetString().ShouldBe("budget: seconds");
        var seconds = first.RootElement.GetProperty("seconds").GetDouble();
        second.RootElement.GetProperty("seconds").GetDouble().ShouldBe(seconds, Math.Max(0.5, 0.5 * seconds));
        var line = output.Split('\n').Where(l => l.StartsWith("relative L2 in the same")).ShouldHaveSingleItem();
        line.ShouldContain($"tiny-engd (engd) {first.RootElement.GetProperty("relL2").GetDouble():0.0e+00}");
        line.ShouldContain($"tiny-adam (adam) {second.RootElement.GetProperty("relL2").GetDouble():0.0e+00}");
    }

    [Fact]
    public void Both_manifests_are_validated_before_anything_trains()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("engd.json"), Manifest("tiny-engd", """{ "name": "engd" }""", """{ "steps": 15 }"""));
        File.WriteAllText(temp.Combine("bad.json"), Manifest("tiny-bad", """{ "name": "no-such-optimizer" }""", """{ "steps": 5 }"""));

        var (code, _, error) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(2), "run", "engd.json", "--out", "first", "--compare", "bad.json");

        code.ShouldBe(2);
        error.ShouldContain("no-such-optimizer");
        Directory.Exists(temp.Combine("first")).ShouldBeFalse();
    }
}
