using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>
/// KFAC-expand factors from layer tapes (Dangel, Müller &amp; Zeinhofer 2024, §3). For a condition with N points
/// and S columns sharing each weight, A = 1/(N S) Σ_{n,s} z̄ z̄ᵀ and B = Σ_{n,s,j} g g ᵀ, where g is the gradient
/// of the residual scaled by √(w/N) (so B is the paper's 1/N Σ g gᵀ of the unscaled residual) and z̄ = (z, [s = bias column]).
/// Conditions are pooled into at most two groups, each approximated by one Kronecker product: the conditions
/// with the most columns (the differential operator) and the others (boundary, initial, data); within a group
/// A is averaged over all N·S rows and B summed.
/// </summary>
internal static class KroneckerFactors
{
    /// <summary>The group of each condition: 0 for those with the most stacked columns, 1 for the rest (none
    /// when all have the same count).</summary>
    public static int[] Groups(IReadOnlyList<ConditionTape> conditions)
    {
        var columns = conditions.Select(c => c.Layers[0].Inputs.shape[1]).ToArray();
        var most = columns.Max();
        return columns.Select(s => s == most ? 0 : 1).ToArray();
    }

    /// <summary>Per layer, per group (0, then 1 when present): the factors of the current tapes.</summary>
    public static LayerFactors[][] Compute(ITapedLinearization linearization, int[] groups)
    {
        var conditions = linearization.Conditions;
        var groupCount = groups.Max() + 1;
        var layers = conditions[0].Layers.Count;
        var result = new LayerFactors[layers][];
        for (var l = 0; l < layers; l++)
        {
            result[l] = new LayerFactors[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                using var scope = torch.NewDisposeScope();
                torch.Tensor? a = null, b = null;
                long rows = 0;
                for (var c = 0; c < conditions.Count; c++)
                {
                    if (groups[c] != g) continue;
                    var layer = conditions[c].Layers[l];
                    var zz = InputMoments(layer);
                    a = a is null ? zz : a + zz;
                    rows += layer.Inputs.shape[0] * layer.Inputs.shape[1];
                    foreach (var gradient in layer.Gradients)
                    {
                        var flat = gradient.reshape(-1, gradient.shape[2]);            // [N·S, h_out]
                        var gg = flat.t().matmul(flat);
                        b = b is null ? gg : b + gg;
                    }
                }
                result[l][g] = new LayerFactors((a! / rows).DetachFromDisposeScope(), b!.DetachFromDisposeScope());
            }
        }
        return result;
    }

    /// <summary>Σ z̄ z̄ᵀ [h_in + 1, h_in + 1] over the N·S rows, where z̄ = (z, [s = bias column]): the block
    /// matrix [[Σ zzᵀ, Σ_n z_{n,bias}], [Σ_n z_{n,bias}ᵀ, N]], without copying the inputs.</summary>
    public static torch.Tensor InputMoments(TapedLayerGradients layer)
    {
        using var scope = torch.NewDisposeScope();
        var z = layer.Inputs;                                                           // [N, S, h_in]
        var flat = z.reshape(-1, z.shape[2]);
        var biasSum = z[.., layer.BiasColumn, ..].sum([0L]).unsqueeze(1);                // [h_in, 1]
        var count = torch.full(1, 1, z.shape[0], z.dtype, z.device);
        return torch.cat([torch.cat([flat.t().matmul(flat), biasSum], 1), torch.cat([biasSum.t(), count], 1)], 0)
            .MoveToOuterDisposeScope();
    }
}
