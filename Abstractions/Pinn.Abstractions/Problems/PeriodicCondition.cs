using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// Periodic pairs: on one face of a periodic direction, the requested quantities equal those one period further,
/// q(x) − q(x + L·eᵢ) = 0 for every q in the request (the value, and the derivatives the problem needs to be
/// continuous across the seam).
/// </summary>
public static class PeriodicCondition
{
    /// <summary>A condition pairing each point x of <paramref name="face"/> with x + <paramref name="period"/>·e_axis.</summary>
    /// <param name="name">The condition's name.</param>
    /// <param name="face">The face x_axis = a (e.g. <c>box.Boundary("left")</c>, or time × it).</param>
    /// <param name="axis">i, the periodic input axis (time counts as axis 0 in time-dependent problems).</param>
    /// <param name="period">L &gt; 0, so that x + L·eᵢ lies on the opposite face.</param>
    /// <param name="request">The quantities that must match, e.g. u and ∂u/∂xᵢ; every output component requested.</param>
    /// <param name="weight">w_c.</param>
    /// <param name="defaultPoints">N_c when the manifest does not say.</param>
    /// <returns>A condition whose residual [N, Σ m_q] stacks the differences of every requested quantity.</returns>
    public static Condition Create(string name, IDomain face, int axis, double period, DerivativeRequest request, double weight = 1.0, int defaultPoints = 100)
    {
        if (axis < 0 || axis >= face.Dimension) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"must be an input axis of {face} (0..{face.Dimension - 1})");
        if (!(period > 0) || !double.IsFinite(period)) throw new ArgumentOutOfRangeException(nameof(period), period, "must be > 0");
        var keys = request.Keys.ToArray();
        return new Condition(name, face, request, inputs =>
            torch.cat(keys.Select(k => inputs.Derivatives[k] - inputs.Image[k]).ToArray(), 1), weight, defaultPoints)
        {
            Image = x =>
            {
                using var scope = torch.NewDisposeScope();
                var shift = torch.zeros(x.shape[1], x.dtype, x.device).index_fill_(0, torch.tensor(new long[] { axis }, device: x.device), period);
                return (x + shift).MoveToOuterDisposeScope();
            },
        };
    }
}
