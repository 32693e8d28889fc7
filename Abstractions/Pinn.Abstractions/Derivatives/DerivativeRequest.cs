namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// The set of quantities a condition needs of the network at its points, each for all m output components
/// or for a subset of them. A PDE system asks only for what its equations use, e.g. Navier–Stokes with outputs
/// (u, v, p): <c>DerivativeRequest.Of(value, ∂x, ∂y).And(DerivativeRequest.Of(LaplacianOperator.AllAxes).ForOutputs(0, 1))</c>;
/// an engine then computes nothing for the other components (<see cref="Derivatives"/> holds [N, m_k] per key).
/// Requests are immutable.
/// </summary>
public sealed class DerivativeRequest
{
    private readonly DerivativeKey[] _keys;
    private readonly Dictionary<DerivativeKey, int[]> _outputs; // restricted keys only: sorted, distinct, ≥ 0

    /// <param name="keys">The quantities, each for all outputs; duplicates are dropped.</param>
    public DerivativeRequest(IEnumerable<DerivativeKey> keys) : this(keys.Distinct().ToArray(), []) { }

    private DerivativeRequest(DerivativeKey[] keys, Dictionary<DerivativeKey, int[]> outputs)
    {
        _keys = keys;
        _outputs = outputs;
    }

    /// <summary>Only the value u, all outputs.</summary>
    public static DerivativeRequest ValueOnly { get; } = new([PartialDerivative.Value]);

    /// <summary>A request for the listed quantities, all outputs.</summary>
    public static DerivativeRequest Of(params DerivativeKey[] keys) => new(keys);

    /// <summary>The quantities, without duplicates, in the order first named.</summary>
    public IReadOnlyList<DerivativeKey> Keys => _keys;

    /// <summary>
    /// This request with every key restricted to the listed output components (replacing any earlier
    /// restriction): the engine's tensor for each key is then [N, m_k], its columns these components in
    /// ascending order.
    /// </summary>
    /// <param name="components">Output indices, each ≥ 0 (and &lt; m, which engines and the residual model
    /// check); at least one; duplicates and order do not matter.</param>
    /// <exception cref="ArgumentException">When no component is named.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a component is negative.</exception>
    public DerivativeRequest ForOutputs(params int[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Length == 0) throw new ArgumentException("name at least one output component, or leave the request unrestricted", nameof(components));
        foreach (var c in components)
            if (c < 0) throw new ArgumentOutOfRangeException(nameof(components), c, "output components must be ≥ 0");
        var sorted = components.Distinct().Order().ToArray();
        return new DerivativeRequest(_keys, _keys.ToDictionary(k => k, _ => sorted));
    }

    /// <summary>The highest order among the keys (0 for an empty request). Since 1.0.</summary>
    public int MaxOrder => _keys.Length == 0 ? 0 : _keys.Max(k => k.Order);

    /// <summary>The union of two requests, as <see cref="And"/>. Since 1.0.</summary>
    [Obsolete("Use And, which also merges the output components the two requests name.")]
    public DerivativeRequest Union(DerivativeRequest other) => And(other);

    /// <summary>
    /// The union of this request and <paramref name="other"/>: every key of either, this request's keys first;
    /// a key in both gets the union of their components (all outputs when either asks for all).
    /// </summary>
    public DerivativeRequest And(DerivativeRequest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var keys = _keys.Concat(other._keys).Distinct().ToArray();
        var outputs = new Dictionary<DerivativeKey, int[]>();
        foreach (var key in keys)
        {
            var mine = _keys.Contains(key) ? OutputsOf(key) : [];
            var theirs = other._keys.Contains(key) ? other.OutputsOf(key) : [];
            if (mine is null || theirs is null) continue;                                  // all outputs
            outputs[key] = mine.Concat(theirs).Distinct().Order().ToArray();
        }
        return new DerivativeRequest(keys, outputs);
    }

    /// <summary>The output components requested for <paramref name="key"/>: null for all m outputs, otherwise
    /// sorted distinct indices (the columns, in order, of the key's tensor).</summary>
    /// <exception cref="KeyNotFoundException">When the key is not part of the request.</exception>
    public IReadOnlyList<int>? OutputsOf(DerivativeKey key)
    {
        if (_outputs.TryGetValue(key, out var components)) return components;
        return _keys.Contains(key) ? null
            : throw new KeyNotFoundException($"{key} is not part of the request {this}");
    }

    /// <summary>
    /// Why a network with <paramref name="outputDimension"/> outputs cannot serve the request (a key names an
    /// output component ≥ m), or null when it can. Engines and the residual model check it before any torch call.
    /// </summary>
    public string? OutputsBeyond(int outputDimension)
    {
        foreach (var key in _keys)
            if (_outputs.TryGetValue(key, out var components) && components[^1] >= outputDimension)
                return $"{key} is requested for output component {components[^1]}, but there "
                       + (outputDimension == 1 ? "is 1 output (component 0)" : $"are {outputDimension} outputs (components 0–{outputDimension - 1})");
        return null;
    }

    /// <summary>The keys, each with its components when restricted: e.g. <c>{u, u_x0[0,1], Δu[0]}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", _keys.Select(Describe)) + "}";

    private string Describe(DerivativeKey key)
        => _outputs.TryGetValue(key, out var components) ? $"{key}[{string.Join(",", components)}]" : key.ToString()!;
}
