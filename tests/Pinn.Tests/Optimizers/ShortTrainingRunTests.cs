using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>Every optimizer plugin trains poisson2d through the host in a few seconds.</summary>
public sealed class ShortTrainingRunTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("""{ "name": "levenberg-marquardt" }""", 60)]
    [InlineData("""{ "name": "hessian-free" }""", 60)]
    public void A_short_run_lowers_poisson2d_relative_L2_below_1e_3(string optimizer, int steps)
    {
        var summary = ShortRun.Poisson2d(host, optimizer, $$"""{ "steps": {{steps}} }""", width: 32, interior: 300, boundary: 60);
        summary.RelL2!.Value.ShouldBeLessThan(1e-3);
    }

    [Fact]
    public void A_short_engd_layerwise_run_lowers_poisson2d_relative_L2_below_1e_3()
    {
        // Blocks ignore the coupling between layers, so the line search keeps α small: it needs more steps
        // and a wider network than the full Gauss–Newton methods above.
        var summary = ShortRun.Poisson2d(host, """{ "name": "engd-layerwise" }""", """{ "steps": 100 }""", width: 64, interior: 400, boundary: 80);
        summary.RelL2!.Value.ShouldBeLessThan(1e-3);
    }
}
