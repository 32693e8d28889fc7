using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Pinn.Host.Plugins;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Sdk;

/// <summary>The Pinn.Abstractions package that every build writes to artifacts/packages/ is what a plugin author needs.</summary>
public sealed class PackageTests
{
    private static readonly string Version = AbstractionsCompatibility.HostVersion.ToString(3);
    private static readonly string Package = Path.Combine(RepositoryRoot.Path, "artifacts", "packages", $"Pinn.Abstractions.{Version}.nupkg");

    [Fact]
    public void The_packed_assembly_is_the_one_the_host_loads_and_the_plugins_are_built_against()
    {
        using var temp = new TemporaryDirectory();
        var packed = temp.Combine("Pinn.Abstractions.dll");
        using (var zip = ZipFile.OpenRead(Package)) zip.GetEntry("lib/net10.0/Pinn.Abstractions.dll")!.ExtractToFile(packed);
        var hosts = Path.Combine(RepositoryRoot.Path, "Host", "Pinn.Host", "bin", "Release", "net10.0", "Pinn.Abstractions.dll");

        var packedName = AssemblyName.GetAssemblyName(packed);
        var hostName = AssemblyName.GetAssemblyName(hosts);
        packedName.Name.ShouldBe(hostName.Name);
        packedName.Version.ShouldBe(hostName.Version);
        packedName.Version!.ToString(3).ShouldBe(Version);
        PublicApi.Of(packed).ShouldBe(PublicApi.Of(hosts));
        // Every plugin of this repository references exactly that identity.
        foreach (var plugin in PluginCatalog.Load([RepositoryRoot.Plugins]).Plugins)
            AbstractionsCompatibility.ReferencedVersion(plugin.AssemblyPath).ShouldBe(packedName.Version, plugin.Name);
    }

    [Fact]
    public void The_package_carries_documentation_readme_licence_symbols_and_its_two_dependencies()
    {
        using var zip = ZipFile.OpenRead(Package);
        var entries = zip.Entries.Select(e => e.FullName).ToArray();
        entries.ShouldContain("lib/net10.0/Pinn.Abstractions.xml");
        entries.ShouldContain("README.md");
        entries.ShouldContain("buildTransitive/Pinn.Abstractions.targets");
        File.Exists(Path.ChangeExtension(Package, ".snupkg")).ShouldBeTrue();

        using var nuspec = zip.GetEntry("Pinn.Abstractions.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Field("id").ShouldBe("Pinn.Abstractions");
        Field("version").ShouldBe(Version);
        Field("license").ShouldBe("MIT");
        Field("readme").ShouldBe("README.md");
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
                                   .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value}").ToArray();
        dependencies.ShouldBe(["System.Composition 10.0.15", "TorchSharp 0.107.0"], ignoreOrder: true);
    }

    [Fact]
    public void The_template_package_has_a_template_for_every_plugin_kind_pinned_to_this_version()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(RepositoryRoot.Path, "artifacts", "packages", $"Pinn.Templates.{Version}.nupkg"));
        foreach (var kind in Enum.GetNames<Pinn.Abstractions.Plugins.PluginKind>().Select(k => k.ToLowerInvariant()))
        {
            var entry = zip.GetEntry($"content/pinn-{kind}/.template.config/template.json");
            entry.ShouldNotBeNull($"no pinn-{kind} template");
            using var reader = new StreamReader(entry.Open());
            var json = System.Text.Json.JsonDocument.Parse(reader.ReadToEnd()).RootElement;
            json.GetProperty("shortName").GetString().ShouldBe($"pinn-{kind}");
            json.GetProperty("symbols").GetProperty("AbstractionsVersion").GetProperty("defaultValue").GetString().ShouldBe(Version);
        }
    }
}
