using Pinn.Operators.TaylorMode.Stacking;
using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// One activation step of the forward Laplacian on the stacked columns, as an autograd function with a
/// hand-written backward. Input: the pre-activation block Z [N, S, h] without the bias, and the bias b [h]
/// (added to the value column here). Output [N, S, h]: σ(z₀), σ′(z₀)∂z for the K direction columns, and
/// σ′(z₀)Δz + σ″(z₀) Σₖ λₖ (∂_{vₖ}z)² for the P operator columns.
/// The backward is what autograd would compute, in about half the passes over the block: autograd's
/// version clones the whole gradient block for every in-place slice update and multiplies through
/// broadcast views; here each gradient column is written once.
/// </summary>
internal sealed class CollapsedActivation : torch.autograd.MultiTensorFunction<CollapsedActivation>
{
    public override string Name => "ForwardLaplacianActivation";

    /// <summary>Applies the step.</summary>
    /// <param name="z">Pre-activation block without bias [N, S, h], S = 1 + K + P.</param>
    /// <param name="bias">b [h].</param>
    /// <param name="weights">λ, operator p's weight per direction.</param>
    /// <param name="activation">σ.</param>
    /// <param name="directions">K.</param>
    public static torch.Tensor Apply(torch.Tensor z, torch.Tensor bias, OperatorWeights weights, Activation activation, int directions)
    {
        // Without a graph (evaluation, line searches) the function machinery, σ‴ and the saved tensors
        // are pure overhead: compute the output directly.
        if (!torch.is_grad_enabled()) return Compute(z, bias, weights, activation, directions, 2).Output;
        return apply(z, bias, weights, activation, directions)[0];
    }

    /// <summary>The output block, σ^(0..maxOrder)(z₀ + b) and the curvature term.</summary>
    private static (torch.Tensor Output, torch.Tensor[] Sigma, torch.Tensor Curvature) Compute(
        torch.Tensor z, torch.Tensor bias, OperatorWeights weights, Activation activation, int k, int maxOrder)
    {
        var value = z[.., 0, ..] + bias;
        var sigma = activation.Derivatives(value, maxOrder);
        if (FusedLaplacianStep.Applies(z, weights))
        {
            var (fused, weighted) = FusedLaplacianStep.Forward(z, sigma, weights.SingleOperator!);
            return (fused, sigma, weighted);
        }
        var output = z * sigma[1].unsqueeze(1);
        output[.., 0, ..].copy_(sigma[0]);
        var curvature = weights.Curvature(z[.., 1..(1 + k), ..]);                  // [N, P, h]
        output[.., (1 + k).., ..].addcmul_(curvature, sigma[2].unsqueeze(1), 1.0);
        return (output, sigma, curvature);
    }

    public override List<torch.Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var z = (torch.Tensor)vars[0];
        var bias = (torch.Tensor)vars[1];
        var weights = (OperatorWeights)vars[2];
        var activation = (Activation)vars[3];
        var k = (int)vars[4];
        var (output, sigma, curvature) = Compute(z, bias, weights, activation, k, 3);
        ctx.save_for_backward([z, sigma[1], sigma[2], sigma[3], curvature]);
        ctx.save_data("k", k);
        ctx.save_data("weights", weights);
        return [output];
    }

    public override List<torch.Tensor> backward(torch.autograd.AutogradContext ctx, List<torch.Tensor> grads)
    {
        using var scope = torch.NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var (z, s1, s2, s3, curvature) = (saved[0], saved[1], saved[2], saved[3], saved[4]);
        var k = (int)ctx.get_data("k");
        var weights = (OperatorWeights)ctx.get_data("weights");
        var g = grads[0];                                                          // [N, S, h]
        // The fused backward writes plain memory: when autograd records the backward itself (create_graph, as the
        // Jacobian products through u ↦ Jᵀu do), the torch path below keeps it differentiable in g.
        if (!torch.is_grad_enabled() && FusedLaplacianStep.Applies(z, weights))
        {
            var (gradZ, gradValue) = FusedLaplacianStep.Backward(g, z, s1, s2, s3, curvature, weights.SingleOperator!);
            return [gradZ.MoveToOuterDisposeScope(), gradValue.sum([0L]).MoveToOuterDisposeScope(), null!, null!, null!];
        }
        var gOperators = g[.., (1 + k).., ..];                                     // [N, P, h]
        // Value column: σ′ g₀ + σ″ Σ_{s≥1} g_s z_s + σ‴ Σ_p g_p · curvature_p.
        var gValue = g[.., 0, ..] * s1;
        gValue.addcmul_(ColumnSum.Dot(g[.., 1.., ..], z[.., 1.., ..]), s2, 1.0).addcmul_(ColumnSum.Dot(gOperators, curvature), s3, 1.0);
        // Derivative and operator columns: σ′ g, plus 2 σ″ λₖ (Σ_p g_p) ∂_{vₖ}z on the directions.
        var gz = g * s1.unsqueeze(1);
        weights.AddCurvatureGradient(gz[.., 1..(1 + k), ..], z[.., 1..(1 + k), ..], gOperators * s2.unsqueeze(1) * 2.0);
        gz[.., 0, ..].copy_(gValue);
        // One gradient per input of forward, null for the non-tensor ones.
        return [gz.MoveToOuterDisposeScope(), gValue.sum([0L]).MoveToOuterDisposeScope(), null!, null!, null!];
    }
}
