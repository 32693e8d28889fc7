using System.Text.Json;
using System.Text.RegularExpressions;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sdk;

/// <summary>
/// docs/first-optimizer-plugin.md, run as a plugin author would: every <c>bash</c> block of the page, in order and
/// as written, in an empty folder outside the repository, with nothing but this build's packages.
/// </summary>
public sealed class FirstOptimizerPluginWalkthroughTests
{
    private static readonly string Page = Path.Combine(RepositoryRoot.Path, "docs", "first-optimizer-plugin.md");

    /// <summary>The page's <c>```bash</c> blocks, in order.</summary>
    private static IReadOnlyList<string> Commands()
        => Regex.Matches(File.ReadAllText(Page), "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void The_walkthrough_creates_builds_drops_in_and_trains_with_a_new_optimizer()
    {
        var commands = Commands();
        commands.Count.ShouldBeGreaterThanOrEqualTo(3);
        using var workspace = new OutOfTreeWorkspace();
        var (code, output) = workspace.Bash(string.Join("\n", commands), TimeSpan.FromMinutes(8));
        code.ShouldBe(0, output);

        // Built against the package, dropped in as it is: nothing of the host's in the plugin's folder.
        var folder = workspace.Combine("Acme.HeavyBall", "plugins", "Acme.HeavyBall");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToArray();
        files.ShouldContain("Acme.HeavyBall.dll");
        files.ShouldNotContain(f => f!.StartsWith("Pinn.Abstractions") || f.StartsWith("TorchSharp") || f.StartsWith("System.Composition") || f.EndsWith(".so"));

        output.ShouldContain("acme.heavyball");          // pinn plugins lists it
        output.ShouldContain("momentum");                // pinn plugins describe shows its options
        output.ShouldContain("Passed!");                 // the template's tests pass out of the box

        var run = workspace.Combine("Acme.HeavyBall", "heavyball-run");
        using var resolved = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.resolved.json")));
        resolved.RootElement.GetRawText().ShouldContain("acme.heavyball");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        summary.RootElement.GetProperty("steps").GetInt32().ShouldBe(300);
        var losses = MetricsFile.Losses(run);
        losses[^1].ShouldBeLessThan(losses[0] / 10);
    }
}
