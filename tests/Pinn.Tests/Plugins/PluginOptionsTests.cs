using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plugins;

/// <summary><c>pinn plugins describe</c> and the plugin list as a user sees them in a terminal.</summary>
public sealed class PluginOptionsTests
{
    private static readonly Dictionary<string, string> Terminal80 = new() { ["COLUMNS"] = "80" };

    [Fact]
    public void Describe_shows_each_option_with_its_type_default_allowed_values_and_documentation()
    {
        using var temp = new TemporaryDirectory();
        var (code, output, error) = HostProcess.Run(temp.Path, Terminal80, TimeSpan.FromMinutes(1), "plugins", "describe", "engd");
        code.ShouldBe(0, error);
        output.ShouldContain("optimizer engd 0.3.1");
        output.ShouldContain("rcond  number, default 1E-10");
        output.ShouldContain("Relative singular-value cutoff of the SVD route");
        output.ShouldContain("solve  string, default \"svd\", allowed: svd, gramian");

        var (jsonCode, json, _) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(1), "plugins", "describe", "adam", "--json");
        jsonCode.ShouldBe(0);
        var options = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("options").EnumerateArray().ToArray();
        var lr = options.Single(o => o.GetProperty("name").GetString() == "lr");
        lr.GetProperty("type").GetString().ShouldBe("number");
        lr.GetProperty("default").GetDouble().ShouldBe(1e-3);
        lr.GetProperty("documentation").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_option_of_every_built_in_plugin_has_its_documentation()
    {
        foreach (var plugin in Pinn.Host.Plugins.PluginCatalog.Load([RepositoryRoot.Plugins]).Plugins)
            foreach (var option in Pinn.Host.Plugins.PluginOptions.Of(plugin))
                option.Documentation.ShouldNotBeNullOrWhiteSpace($"{plugin.KindName} {plugin.Name}: {option.Name}");
    }

    [Fact]
    public void Describe_of_an_unknown_name_lists_the_names_there_are()
    {
        using var temp = new TemporaryDirectory();
        var (code, _, error) = HostProcess.Run(temp.Path, null, TimeSpan.FromMinutes(1), "plugins", "describe", "adamw");
        code.ShouldBe(2);
        error.ShouldContain("no plugin named 'adamw'");
        error.ShouldContain("adam, allen-cahn");
    }

    [Fact]
    public void The_plugin_list_fits_an_80_column_terminal_with_whole_words()
    {
        using var temp = new TemporaryDirectory();
        var (code, output, error) = HostProcess.Run(temp.Path, Terminal80, TimeSpan.FromMinutes(1), "plugins");
        code.ShouldBe(0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        lines.ShouldAllBe(l => l.Length <= 80);
        output.ShouldContain("Energy natural gradient");   // descriptions keep whole words, not a few characters per line
        lines.Count(l => l.Contains("artifacts/plugins/")).ShouldBeGreaterThan(5);
    }
}
