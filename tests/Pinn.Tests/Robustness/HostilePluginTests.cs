using Pinn.Abstractions.Plugins;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>One plugin cannot break or hijack the host: a factory that throws is refused alone, a same-named
/// plugin with a higher version does not replace a built-in, a resume keeps the versions it was made with.</summary>
public sealed class HostilePluginTests
{
    private const string AdamManifest = """
        { "name": "hostile", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 40, "boundary": 20 } },
          "optimizer": { "name": "adam" OPTIONS }, "budget": { "steps": 3 }, "evaluation": { "every": 3, "points": 200 } }
        """;

    private static RunPlan Validate(PluginCatalog catalog, string optimizerExtra = "", PluginPins? pins = null)
        => ManifestValidator.ValidateText(AdamManifest.Replace(" OPTIONS", optimizerExtra), "hostile.json", catalog, Path.GetTempPath(), pins);

    [Fact]
    public void A_factory_whose_constructor_throws_is_refused_with_its_folder_and_the_rest_load()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.ThrowingFactory");
        var refusal = catalog.Refusals.ShouldHaveSingleItem();
        refusal.Path.ShouldBe(FixturePlugins.Folder("Pinn.Fixtures.ThrowingFactory"));
        refusal.Reason.ShouldBe("Pinn.Fixtures.ThrowingFactory.dll: optimizer 'fixture-throwing' could not be created: "
                                + "InvalidOperationException: fixture: the factory's constructor fails on purpose");
        catalog.Plugins.Count.ShouldBe(PluginCatalog.Load([RepositoryRoot.Plugins]).Plugins.Count);
        Validate(catalog).Stages.Single().Optimizer.Descriptor.Name.ShouldBe("adam");
    }

    [Fact]
    public void A_same_named_plugin_with_a_higher_version_does_not_replace_the_built_in_and_is_reported()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.ImpostorAdam");
        var plan = Validate(catalog);
        var adam = plan.Stages.Single().Optimizer.Descriptor;
        adam.BuiltIn.ShouldBeTrue();
        adam.Version.ShouldBe(new Version(1, 0, 1));
        plan.Notes.ShouldHaveSingleItem().ShouldContain("optimizer 'adam' 9.0.0 in " + FixturePlugins.Folder("Pinn.Fixtures.ImpostorAdam") + " is not used");
        var clash = catalog.Clashes().ShouldHaveSingleItem();
        clash.Select(p => p.Version.Major).ShouldBe([1, 9]);
    }

    [Fact]
    public void The_other_plugin_is_used_when_the_manifest_asks_for_its_version()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.ImpostorAdam");
        var chosen = Validate(catalog, ", \"version\": \"9\"").Stages.Single().Optimizer.Descriptor;
        chosen.BuiltIn.ShouldBeFalse();
        chosen.Version.ShouldBe(new Version(9, 0, 0));
    }

    [Fact]
    public void The_other_plugin_is_used_when_the_manifest_names_its_folder()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.ImpostorAdam");
        Validate(catalog, ", \"folder\": \"Pinn.Fixtures.ImpostorAdam\"").Stages.Single().Optimizer.Descriptor.Version.ShouldBe(new Version(9, 0, 0));
        var error = Should.Throw<ManifestException>(() => Validate(catalog, ", \"folder\": \"elsewhere\"")).Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.optimizer.folder");
        error.Message.ShouldStartWith("no optimizer 'adam' in a folder 'elsewhere' (it is in: ");
    }

    [Fact]
    public void A_resume_takes_the_plugin_version_its_checkpoint_recorded()
    {
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.ImpostorAdam");
        var impostor = new PluginPins(null, null, null, [("adam", new Version(9, 0, 0))]);
        Validate(catalog, pins: impostor).Stages.Single().Optimizer.Descriptor.Version.ShouldBe(new Version(9, 0, 0));
        var builtIn = new PluginPins(null, null, null, [("adam", new Version(1, 0, 1))]);
        Validate(catalog, pins: builtIn).Stages.Single().Optimizer.Descriptor.BuiltIn.ShouldBeTrue();
        var missing = Validate(catalog, pins: new PluginPins(null, null, null, [("adam", new Version(0, 7, 0))]));
        missing.Stages.Single().Optimizer.Descriptor.BuiltIn.ShouldBeTrue();
        missing.Notes.ShouldContain(n => n.Contains("the checkpoint was written with optimizer 'adam' 0.7.0, which is not installed; using 1.0.1"));
    }

    [Fact]
    public void The_versions_a_run_resolved_are_read_back_as_pins()
    {
        var plan = Validate(FixturePlugins.Catalog("Pinn.Fixtures.ImpostorAdam"), ", \"version\": \"9\"");
        var pins = PluginPins.From(ResolvedManifest.Of(plan, parameterCount: 0));
        pins.Stages.ShouldHaveSingleItem().ShouldBe(("adam", new Version(9, 0, 0)));
        pins.Problem.ShouldBe(("poisson2d", plan.Problem.Descriptor.Version));
    }

    [Fact]
    public void A_PINN_PLUGIN_PATH_entry_that_is_missing_or_a_file_is_reported()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("a-file"), "");
        var previous = Environment.GetEnvironmentVariable(PluginDirectories.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PluginDirectories.EnvironmentVariable, $"{temp.Combine("missing")}{Path.PathSeparator}{temp.Combine("a-file")}");
        try
        {
            PluginDirectories.Default(temp.Path, out var warnings);
            warnings.Count.ShouldBe(2);
            warnings[0].ShouldContain($"{temp.Combine("missing")}, which does not exist");
            warnings[1].ShouldContain($"{temp.Combine("a-file")}, which is a file");
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginDirectories.EnvironmentVariable, previous);
        }
    }

    [Theory]
    [InlineData("adam", true)]
    [InlineData("fokker-planck9d", true)]
    [InlineData("a,b", false)]
    [InlineData("../x", false)]
    [InlineData("-x", false)]
    [InlineData("", false)]
    public void Plugin_and_condition_names_are_identifiers(string name, bool allowed) => PluginCatalog.IsValidName(name).ShouldBe(allowed);
}
