using System.Text.Json.Nodes;
using Pinn.Host.Manifests;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>A newer plugin version that adds an option with a default resumes a run made with the older one:
/// an option absent from the checkpoint that keeps its default is no difference.</summary>
public sealed class ResumeAcrossVersionsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private RunPlan Plan(string options) => ManifestValidator.ValidateText($$"""
        { "name": "versions", "problem": { "name": "poisson2d" }, "model": { "hidden": [8] },
          "sampler": { "points": { "interior": 40, "boundary": 20 } },
          "optimizer": { "name": "adam", "options": {{options}} }, "budget": { "steps": 3 } }
        """, "versions.json", host.Catalog, Path.GetTempPath());

    /// <summary>The resolved manifest as an older adam without the option <c>eps</c> would have written it.</summary>
    private JsonObject WrittenWithoutEps()
    {
        var saved = ResolvedManifest.Of(Plan("{}"), parameterCount: 0);
        saved["stages"]![0]!["optimizer"]!["options"]!.AsObject().Remove("eps").ShouldBeTrue();
        return saved;
    }

    [Fact]
    public void An_option_the_checkpoint_lacks_is_no_difference_while_it_keeps_its_default()
    {
        var plan = Plan("{}");
        ResumeCompatibility.Differences(WrittenWithoutEps(), ResolvedManifest.Of(plan, 0), plan).ShouldBeEmpty();
    }

    [Fact]
    public void An_option_the_checkpoint_lacks_is_a_difference_when_the_manifest_changes_it()
    {
        var plan = Plan("""{ "eps": 1e-6 }""");
        ResumeCompatibility.Differences(WrittenWithoutEps(), ResolvedManifest.Of(plan, 0), plan)
            .ShouldHaveSingleItem().ShouldBe("$.optimizer.options.eps: (none) in the checkpoint, 1E-06 in the manifest");
    }
}
