using Pinn.Abstractions.Derivatives;

namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>
/// The axes to differentiate along and the order n to propagate (the highest requested). Column layout:
/// 0 the value, then for axis index a and order j = 1..n column 1 + a·n + (j − 1).
/// </summary>
internal sealed class TangentPropPlan
{
    private readonly List<int> _axes = [];

    public TangentPropPlan(DerivativeRequest request, int dimension)
    {
        foreach (var key in request.Keys)
        {
            if (key is not PartialDerivative { IsPure: true } p) throw new ArgumentException($"n-tangentprop cannot compute {key}");
            if (p.IsValue) continue;
            var axis = p.Axes[0];
            if (axis >= dimension) throw new ArgumentException($"{p} differentiates along axis {axis}, beyond the input dimension {dimension}");
            if (!_axes.Contains(axis)) _axes.Add(axis);
            Order = Math.Max(Order, p.Order);
        }
    }

    /// <summary>The axes, in the order their columns are laid out.</summary>
    public IReadOnlyList<int> Axes => _axes;

    /// <summary>n, the highest order propagated.</summary>
    public int Order { get; }

    /// <summary>The column of a requested pure partial (the value is column 0).</summary>
    public int ColumnOf(PartialDerivative p) => p.IsValue ? 0 : 1 + _axes.IndexOf(p.Axes[0]) * Order + (p.Order - 1);
}
