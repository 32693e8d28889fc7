using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// What an engine returns: one tensor [N, m] per requested quantity (N points, m network outputs).
/// Owns nothing beyond the dictionary: the tensors live in the caller's dispose scope.
/// </summary>
public sealed class Derivatives
{
    private readonly Dictionary<DerivativeKey, torch.Tensor> _values;

    /// <param name="values">Quantity → tensor [N, m].</param>
    public Derivatives(IReadOnlyDictionary<DerivativeKey, torch.Tensor> values) => _values = new(values);

    /// <summary>The tensor [N, m] for a quantity.</summary>
    /// <exception cref="KeyNotFoundException">When the quantity was not requested.</exception>
    public torch.Tensor this[DerivativeKey key] => _values.TryGetValue(key, out var t) ? t
        : throw new KeyNotFoundException($"derivative {key} was not requested (have: {string.Join(", ", _values.Keys)})");

    /// <summary>u [N, m].</summary>
    public torch.Tensor Value => this[PartialDerivative.Value];

    /// <summary>The partial along the listed axes [N, m], e.g. <c>Partial(0, 0)</c> = ∂²u/∂x₀².</summary>
    public torch.Tensor Partial(params int[] axes) => this[PartialDerivative.Of(axes)];

    /// <summary>Δu over all axes [N, m].</summary>
    public torch.Tensor Laplacian() => this[LaplacianOperator.AllAxes];

    /// <summary>Δu over the listed axes [N, m].</summary>
    public torch.Tensor Laplacian(params int[] axes) => this[LaplacianOperator.Over(axes)];

    /// <summary>Every quantity held.</summary>
    public IReadOnlyCollection<DerivativeKey> Keys => _values.Keys;
}
