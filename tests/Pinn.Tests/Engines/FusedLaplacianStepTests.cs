using Pinn.Abstractions.Models;
using Pinn.Operators.TaylorMode.ForwardLaplacian;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Engines;

/// <summary>
/// The forward Laplacian's fused CPU activation step against the same formulas written as torch operations, on a
/// block whose width is not a multiple of the SIMD width, in both precisions it serves.
/// </summary>
public sealed class FusedLaplacianStepTests
{
    private const int K = 3;
    private static readonly double[] Weights = [0.7, 0.0, 1.3];   // one operator; λ = 0 as for ∂t in a spatial Laplacian

    [Theory]
    [InlineData(torch.ScalarType.Float64, 1e-13)]
    [InlineData(torch.ScalarType.Float32, 1e-5)]
    public void Forward_and_backward_equal_the_formulas_of_the_step(torch.ScalarType dtype, double tolerance)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(5, torch.CPU);
        var (n, s, h) = (203, K + 2, 13);
        var z = torch.randn([n, s, h], dtype, generator: generator);
        var g = torch.randn([n, s, h], dtype, generator: generator);
        var sigma = new TanhActivation().Derivatives(torch.randn([n, h], dtype, generator: generator), 3);
        var (s0, s1, s2, s3) = (sigma[0], sigma[1], sigma[2], sigma[3]);
        var directions = z[.., 1..(1 + K), ..];
        var (gP, zP) = (g[.., K + 1, ..], z[.., K + 1, ..]);

        var lambda = torch.tensor(Weights, [1, K, 1], dtype);
        var curvature = (directions.square() * lambda).sum([1L]);                                 // Σ_k λ_k z_k²
        var expected = torch.cat([s0.unsqueeze(1), directions * s1.unsqueeze(1), (zP * s1 + curvature * s2).unsqueeze(1)], 1);
        var spread = (gP * s2 * 2.0).unsqueeze(1) * lambda;
        var expectedValue = g[.., 0, ..] * s1 + (g[.., 1.., ..] * z[.., 1.., ..]).sum([1L]) * s2 + gP * curvature * s3;
        var expectedGradZ = torch.cat(
            [expectedValue.unsqueeze(1), g[.., 1..(1 + K), ..] * s1.unsqueeze(1) + directions * spread, (gP * s1).unsqueeze(1)], 1);

        FusedLaplacianStep.Applies(z, new OperatorWeights(new double[,] { { Weights[0], Weights[1], Weights[2] } })).ShouldBeTrue();
        var (output, fusedCurvature) = FusedLaplacianStep.Forward(z, sigma, Weights);
        TensorAssert.RelativeError(output, expected).ShouldBeLessThan(tolerance);
        TensorAssert.RelativeError(fusedCurvature.squeeze(1), curvature).ShouldBeLessThan(tolerance);
        var (gradZ, gradValue) = FusedLaplacianStep.Backward(g, z, s1, s2, s3, fusedCurvature, Weights);
        TensorAssert.RelativeError(gradValue, expectedValue).ShouldBeLessThan(tolerance);
        TensorAssert.RelativeError(gradZ, expectedGradZ).ShouldBeLessThan(tolerance);
    }

    [Fact]
    public void Several_operators_a_strided_block_or_half_precision_take_the_torch_path()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros([4, 4, 3], torch.float64);
        FusedLaplacianStep.Applies(z, new OperatorWeights(new double[,] { { 1, 2 } })).ShouldBeTrue();
        FusedLaplacianStep.Applies(z, new OperatorWeights(new double[,] { { 1, 1 }, { 1, 1 } })).ShouldBeFalse();
        FusedLaplacianStep.Applies(z.transpose(0, 2), new OperatorWeights(new double[,] { { 1, 1 } })).ShouldBeFalse();
        FusedLaplacianStep.Applies(z.to(torch.float16), new OperatorWeights(new double[,] { { 1, 1 } })).ShouldBeFalse();
    }
}
