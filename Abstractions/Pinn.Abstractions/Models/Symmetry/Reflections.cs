using Pinn.Abstractions.Derivatives;
using TorchSharp;

namespace Pinn.Abstractions.Models.Symmetry;

/// <summary>
/// The arithmetic of a network made symmetric under k <see cref="Reflection"/>s: it is evaluated at the 2ᵏ images of every
/// point and the results are averaged with signs. Block b of the images (rows b·N … (b+1)·N − 1) has reflection i applied
/// when bit i of b is set, so the rows of one point are N apart, as a layer tape of grouped rows expects.
/// </summary>
internal static class Reflections
{
    /// <summary>Why the reflections do not fit a network d → m, or null.</summary>
    public static string? Problem(IReadOnlyList<Reflection> reflections, int inputDimension, int outputDimension)
    {
        foreach (var r in reflections)
        {
            if (r.Axis < 0 || r.Axis >= inputDimension) return $"a reflection acts on input {r.Axis}, the inputs are 0 … {inputDimension - 1}";
            if (r.Outputs.Count != outputDimension) return $"a reflection of input {r.Axis} gives {r.Outputs.Count} parities for {outputDimension} outputs";
            if (!double.IsFinite(r.Center)) return $"a reflection of input {r.Axis} has a centre that is not finite";
        }
        if (reflections.GroupBy(r => r.Axis).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"input {twice.Key} is reflected twice";
        return null;
    }

    /// <summary>The 2ᵏ images of x [N, d], block after block: [2ᵏ·N, d].</summary>
    public static torch.Tensor Images(torch.Tensor x, IReadOnlyList<Reflection> reflections)
    {
        using var scope = torch.NewDisposeScope();
        var images = x;
        foreach (var r in reflections)
        {
            var mirrored = images.clone();
            mirrored[.., r.Axis] = images[.., r.Axis].neg() + 2 * r.Center;
            images = torch.cat([images, mirrored], 0);
        }
        return images.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The symmetric result from the raw one at the images: Σ_b s_b ⊙ t_b / 2ᵏ for t [2ᵏ·N, c], where column j's sign in
    /// block b is the product over the reflections applied in b of (output parity) · (the key's sign under the reflection).
    /// </summary>
    /// <param name="raw">The network's raw [2ᵏ·N, c] at <see cref="Images"/>.</param>
    /// <param name="reflections">The k reflections.</param>
    /// <param name="key">What <paramref name="raw"/> is a derivative of.</param>
    /// <param name="components">The output each column belongs to (c entries).</param>
    public static torch.Tensor Combine(torch.Tensor raw, IReadOnlyList<Reflection> reflections, DerivativeKey key, IReadOnlyList<int> components)
    {
        var blocks = 1 << reflections.Count;
        var columns = components.Count;
        var signs = new double[blocks * columns];
        for (var b = 0; b < blocks; b++)
            for (var j = 0; j < columns; j++)
            {
                var s = 1.0;
                for (var i = 0; i < reflections.Count; i++)
                    if ((b >> i & 1) == 1)
                        s *= (reflections[i].Outputs[components[j]] == Parity.Odd ? -1 : 1) * (KeySign(reflections[i].Axis, key) ?? throw new ArgumentException(Unsupported(reflections, key)));
                signs[b * columns + j] = s / blocks;
            }
        using var scope = torch.NewDisposeScope();
        var weights = torch.tensor(signs, [blocks, 1, columns], raw.dtype, raw.device);
        return (raw.view(blocks, -1, columns) * weights).sum([0L]).MoveToOuterDisposeScope();
    }

    /// <summary>Why a derivative of a symmetric network cannot be composed from the raw one's at the images, or null.</summary>
    public static string? Unsupported(IReadOnlyList<Reflection> reflections, DerivativeKey key)
    {
        if (key is not (PartialDerivative or LaplacianOperator or SecondOrderOperator))
            return $"a reflected network composes partial derivatives, Laplacians and second-order operators only, not {key.GetType().Name}";
        return reflections.FirstOrDefault(r => KeySign(r.Axis, key) is null) is { } r
            ? $"{key} mixes terms of both signs under the reflection of input {r.Axis}"
            : null;
    }

    /// <summary>±1: how the derivative changes when input <paramref name="axis"/> is mirrored, D(N∘R) = ±(DN)∘R; null when
    /// an operator has terms of both signs.</summary>
    private static int? KeySign(int axis, DerivativeKey key)
    {
        switch (key)
        {
            case PartialDerivative p:
                return p.OrderAlong(axis) % 2 == 0 ? 1 : -1;
            case LaplacianOperator:
                return 1;
            case SecondOrderOperator s:
                int? sign = null;
                for (var i = 0; i < s.Dimension; i++)
                    for (var j = 0; j < s.Dimension; j++)
                    {
                        if (s[i, j] == 0) continue;
                        var term = (i == axis) == (j == axis) ? 1 : -1;
                        if (sign is { } known && known != term) return null;
                        sign = term;
                    }
                return sign ?? 1;
            default:
                return null;
        }
    }
}
