using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// What an engine returns: one tensor [N, m_k] per requested quantity k (N points). Its columns are the output
/// components the request names for k, in ascending order, or all m network outputs when the request does not
/// restrict k. <see cref="Output"/> reads one component [N] whichever subset was computed.
/// Owns nothing beyond the dictionary: the tensors live in the caller's dispose scope.
/// </summary>
public sealed class Derivatives
{
    private readonly Dictionary<DerivativeKey, torch.Tensor> _values;
    private readonly Dictionary<DerivativeKey, int[]> _outputs = []; // restricted keys: their components, sorted

    /// <param name="values">Quantity → tensor [N, m], all outputs of the network.</param>
    public Derivatives(IReadOnlyDictionary<DerivativeKey, torch.Tensor> values) => _values = new(values);

    /// <param name="values">Quantity → tensor [N, m_k]: the columns of the components <paramref name="request"/>
    /// names for the quantity, ascending ([N, m] when it names none).</param>
    /// <param name="request">The request the tensors answer.</param>
    public Derivatives(IReadOnlyDictionary<DerivativeKey, torch.Tensor> values, DerivativeRequest request) : this(values)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var key in request.Keys)
            if (request.OutputsOf(key) is { } components)
                _outputs[key] = components.ToArray();
    }

    /// <summary>The tensor [N, m_k] for a quantity, as the engine computed it.</summary>
    /// <exception cref="KeyNotFoundException">When the quantity was not requested.</exception>
    public torch.Tensor this[DerivativeKey key] => _values.TryGetValue(key, out var t) ? t
        : throw new KeyNotFoundException($"derivative {key} was not requested (have: {string.Join(", ", _values.Keys)})");

    /// <summary>u [N, m_k].</summary>
    public torch.Tensor Value => this[PartialDerivative.Value];

    /// <summary>The partial along the listed axes [N, m_k], e.g. <c>Partial(0, 0)</c> = ∂²u/∂x₀².</summary>
    public torch.Tensor Partial(params int[] axes) => this[PartialDerivative.Of(axes)];

    /// <summary>Δu over all axes [N, m_k].</summary>
    public torch.Tensor Laplacian() => this[LaplacianOperator.AllAxes];

    /// <summary>Δu over the listed axes [N, m_k].</summary>
    public torch.Tensor Laplacian(params int[] axes) => this[LaplacianOperator.Over(axes)];

    /// <summary>
    /// The quantity <paramref name="key"/> of output <paramref name="component"/> [N], whatever subset of outputs
    /// was computed for it (a view of the key's tensor, in its graph).
    /// </summary>
    /// <exception cref="KeyNotFoundException">When the quantity, or this component of it, was not requested.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the component is negative or beyond the network's outputs.</exception>
    public torch.Tensor Output(DerivativeKey key, int component)
    {
        var t = this[key];
        if (component < 0) throw new ArgumentOutOfRangeException(nameof(component), component, "output components are ≥ 0");
        if (t.dim() != 2)
            throw new InvalidOperationException($"the engine returned {key} of shape [{string.Join(", ", t.shape)}], not [N, m]");
        var columns = t.shape[1];
        var column = (long)component;
        if (_outputs.TryGetValue(key, out var components))
        {
            var index = Array.BinarySearch(components, component);
            if (index < 0)
                throw new KeyNotFoundException($"output component {component} of {key} was not requested (requested: {string.Join(", ", components)})");
            // [N, m_k] as asked; an engine that ignores restrictions returns all m columns (m ≠ m_k, or m = m_k
            // with every component requested: the same columns either way).
            if (columns == components.Length) column = index;
        }
        if (column >= columns)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"{key} holds {columns} output(s) (components 0–{columns - 1})");
        return t.select(1, column);
    }

    /// <summary>u of output <paramref name="component"/> [N].</summary>
    /// <exception cref="KeyNotFoundException">When it was not requested.</exception>
    public torch.Tensor ValueOf(int component) => Output(PartialDerivative.Value, component);

    /// <summary>The partial along <paramref name="axes"/> of output <paramref name="component"/> [N], e.g.
    /// <c>PartialOf(1, 0, 0)</c> = ∂²u₁/∂x₀².</summary>
    /// <exception cref="KeyNotFoundException">When it was not requested.</exception>
    public torch.Tensor PartialOf(int component, params int[] axes) => Output(PartialDerivative.Of(axes), component);

    /// <summary>Δu over all axes of output <paramref name="component"/> [N].</summary>
    /// <exception cref="KeyNotFoundException">When it was not requested.</exception>
    public torch.Tensor LaplacianOf(int component) => Output(LaplacianOperator.AllAxes, component);

    /// <summary>Every quantity held.</summary>
    public IReadOnlyCollection<DerivativeKey> Keys => _values.Keys;

    /// <summary>
    /// These results in the layout <paramref name="request"/> promises for a network of m outputs: a restricted key
    /// whose tensor holds all m columns (an engine that ignores restrictions) is cut to its components' columns,
    /// inside the graph. Keys with any other shape, or missing, are left as they are.
    /// </summary>
    internal Derivatives Conformed(DerivativeRequest request, int outputDimension)
    {
        var values = new Dictionary<DerivativeKey, torch.Tensor>(_values);
        foreach (var key in request.Keys)
        {
            if (request.OutputsOf(key) is not { } components || !values.TryGetValue(key, out var t)) continue;
            if (t.dim() == 2 && t.shape[1] == outputDimension && components.Count != outputDimension && components[^1] < outputDimension)
                values[key] = t.index_select(1, torch.tensor(components.Select(c => (long)c).ToArray(), torch.int64, t.device));
        }
        return new Derivatives(values, request);
    }
}
