using System.Text.Json;
using Pinn.Abstractions.Plugins;
using Pinn.Host.Plugins;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sdk;

/// <summary>
/// Every <c>dotnet new pinn-*</c> template makes a plugin and a test project that build against the package feed and
/// pass as generated, and a plugin folder the host loads as it is.
/// </summary>
public sealed class TemplateTests
{
    private static string Version => AbstractionsCompatibility.HostVersion.ToString(3);

    private static string Feed => Path.Combine(RepositoryRoot.Path, "artifacts", "packages");

    /// <summary>Installs the templates and writes the nuget.config that names the feed.</summary>
    private static string Prelude => $"""
        dotnet new install "$PINN/artifacts/packages/Pinn.Templates.{Version}.nupkg" > /dev/null
        cat > nuget.config <<XML
        <configuration><packageSources><add key="pinn-local" value="$PINN/artifacts/packages" /></packageSources></configuration>
        XML

        """;

    [Theory]
    [InlineData("optimizer", PluginKind.Optimizer)]
    [InlineData("problem", PluginKind.Problem)]
    [InlineData("sampler", PluginKind.Sampler)]
    [InlineData("engine", PluginKind.Engine)]
    [InlineData("weighting", PluginKind.Weighting)]
    public void A_generated_plugin_passes_its_tests_and_loads_as_built(string kind, PluginKind pluginKind)
    {
        using var workspace = new OutOfTreeWorkspace();
        var (code, output) = workspace.Bash(Prelude + $"""
            dotnet new pinn-{kind} -n Lab.Custom{kind}
            dotnet test Lab.Custom{kind}/Lab.Custom{kind}.Tests -c Release
            dotnet build Lab.Custom{kind}/Lab.Custom{kind} -c Release -o plugins/Lab.Custom{kind}
            """, TimeSpan.FromMinutes(6));
        code.ShouldBe(0, output);
        output.ShouldContain("Passed!");
        output.ShouldNotContain("Failed!");

        var folder = workspace.Combine("plugins", $"Lab.Custom{kind}");
        Directory.GetFiles(folder).Select(Path.GetFileName)
                 .ShouldNotContain(f => f!.StartsWith("Pinn.Abstractions") || f.StartsWith("TorchSharp") || f.StartsWith("System.Composition") || f.EndsWith(".so"));
        var catalog = PluginCatalog.Load([workspace.Combine("plugins")]);
        catalog.Refusals.ShouldBeEmpty();
        var plugin = catalog.Plugins.ShouldHaveSingleItem();
        plugin.Kind.ShouldBe(pluginKind);
        plugin.Name.ShouldBe($"lab.custom{kind}");
        PluginOptions.Of(plugin).ShouldAllBe(o => o.Documentation.Length > 0);
    }

    [Fact]
    public void Two_versions_of_a_plugin_in_two_folders_are_listed_and_a_manifest_picks_one()
    {
        using var workspace = new OutOfTreeWorkspace();
        var (code, output) = workspace.Bash(Prelude + """
            dotnet new pinn-optimizer -n Lab.Momentum > /dev/null
            dotnet build Lab.Momentum/Lab.Momentum -c Release -p:Version=1.0.0 -o plugins-a/Lab.Momentum
            dotnet build Lab.Momentum/Lab.Momentum -c Release -p:Version=1.1.0 -o plugins-b/Lab.Momentum
            export PINN_PLUGIN_PATH=$PWD/plugins-a:$PWD/plugins-b
            "$PINN/pinn" plugins --json > plugins.json
            cat > momentum.json <<'JSON'
            { "name": "momentum", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
              "sampler": { "points": { "interior": 64, "boundary": 32 } },
              "optimizer": { "name": "lab.momentum", "version": "1.0", "options": { "lr": 0.001 } },
              "budget": { "steps": 20 }, "evaluation": { "every": 10, "points": 500 } }
            JSON
            "$PINN/pinn" run momentum.json --out run
            """, TimeSpan.FromMinutes(6));
        code.ShouldBe(0, output);

        using var listed = JsonDocument.Parse(File.ReadAllText(workspace.Combine("plugins.json")));
        listed.RootElement.EnumerateArray().Where(p => p.GetProperty("name").GetString() == "lab.momentum")
              .Select(p => (p.GetProperty("version").GetString(), Path.GetFileName(Path.GetDirectoryName(p.GetProperty("path").GetString()))))
              .ShouldBe([("1.1.0", "plugins-b"), ("1.0.0", "plugins-a")], ignoreOrder: true);
        var resolved = File.ReadAllText(workspace.Combine("run", "manifest.resolved.json"));
        resolved.ShouldContain("\"1.0.0\"");
        resolved.ShouldContain(Path.Combine(workspace.Work, "plugins-a"));
        resolved.ShouldNotContain(Path.Combine(workspace.Work, "plugins-b"));
    }
}
