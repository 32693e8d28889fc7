using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Manifests;

/// <summary>A problem whose condition requests an output component it does not have is a manifest error naming the condition.</summary>
public sealed class OutputComponentValidationTests
{
    [Fact]
    public void A_condition_requesting_an_output_beyond_the_problem_is_a_manifest_error_naming_it()
    {
        using var temp = new TemporaryDirectory();
        var catalog = FixturePlugins.Catalog("Pinn.Fixtures.FaultyPlugins");
        const string manifest = """
            { "name": "component", "problem": { "name": "fixture-faulty-problem", "options": { "residual": "component" } },
              "model": { "hidden": [8] }, "engine": { "name": "autodiff" }, "optimizer": { "name": "adam" }, "budget": { "steps": 3 } }
            """;
        var e = Should.Throw<ManifestException>(() => ManifestValidator.ValidateText(manifest, "component.json", catalog, temp.Path));
        var error = e.Errors.ShouldHaveSingleItem().ToString();
        error.ShouldStartWith("$.problem.name: problem 'fixture-faulty-problem' 0.1.0 (");
        error.ShouldEndWith(": condition 'interior' names an output the problem does not have: "
                            + "u is requested for output component 1, but there is 1 output (component 0)");
    }
}
