using Pinn.Host.Manifests;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>What can be known before training is a validation error: an optimizer that needs layer tapes with
/// an engine that records none, and a run whose memory exceeds the machine's.</summary>
public sealed class RequirementValidationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private ManifestException Refused(string engine, string optimizer, string points, string hidden = "[64]")
        => Should.Throw<ManifestException>(() => ManifestValidator.ValidateText($$"""
            { "name": "requirements", "problem": { "name": "poisson2d" }, "model": { "hidden": {{hidden}} },
              "engine": { "name": "{{engine}}" }, "sampler": { "points": {{points}} },
              "optimizer": { "name": "{{optimizer}}" }, "budget": { "steps": 3 } }
            """, "requirements.json", host.Catalog, Path.GetTempPath()));

    [Theory]
    [InlineData("kfac")]
    [InlineData("kfac-star")]
    public void An_optimizer_that_reads_layer_tapes_with_an_engine_that_records_none_is_refused(string optimizer)
    {
        var error = Refused("autodiff", optimizer, """{ "interior": 100, "boundary": 40 }""").Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.engine.name");
        error.Message.ShouldBe($"optimizer '{optimizer}' reads layer tapes, which engine 'autodiff' does not record; use an engine that does (forward-laplacian, n-tangentprop)");
    }

    [Fact]
    public void A_point_set_too_large_for_the_machine_is_refused_before_anything_is_allocated()
    {
        var error = Refused("autodiff", "adam", """{ "interior": 100000000 }""").Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.sampler.points");
        error.Message.ShouldStartWith("the run needs at least ");
        error.Message.ShouldContain("of activations at 100000120 points");
        error.Message.ShouldContain("but this machine has ");
    }

    [Fact]
    public void A_network_too_large_for_the_machine_is_refused_naming_its_widths()
    {
        var error = Refused("autodiff", "adam", """{ "interior": 100, "boundary": 40 }""", hidden: "[100000, 100000]").Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.model.hidden");
        error.Message.ShouldContain("for D = 10000500001 parameters and their gradient");
    }

    [Fact]
    public void A_Jacobian_too_large_for_the_machine_is_refused_naming_the_optimizer()
    {
        // J, U and Vᵀ of the SVD: 3 × 2·10⁶ rows × 17 025 parameters × 8 bytes ≈ 760 GiB.
        var error = Refused("autodiff", "engd", """{ "interior": 2000000 }""", hidden: "[128, 128]").Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.optimizer.name");
        error.Message.ShouldContain("of dense Jacobian matrices for optimizer 'engd'");
        error.Message.ShouldContain("or an optimizer that never forms J (kfac-star, hessian-free)");
    }
}
