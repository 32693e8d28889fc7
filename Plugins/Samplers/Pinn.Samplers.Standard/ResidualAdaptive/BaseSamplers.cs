using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using Pinn.Samplers.Standard.Halton;
using Pinn.Samplers.Standard.LatinHypercube;
using Pinn.Samplers.Standard.Sobol;
using Pinn.Samplers.Standard.Uniform;

namespace Pinn.Samplers.Standard.ResidualAdaptive;

/// <summary>
/// The samplers the residual-adaptive samplers draw their first points and their candidates with, by the
/// name the <c>baseSampler</c> option takes. This table is the one place to extend: a sampler added here
/// becomes an allowed value of the option (and appears in its error message).
/// </summary>
internal static class BaseSamplers
{
    private static readonly Dictionary<string, Func<TensorSpec, IPointSampler>> ByName = new(StringComparer.Ordinal)
    {
        ["uniform"] = spec => new UniformSampler(spec),
        ["lhs"] = spec => new LatinHypercubeSampler(spec),
        ["halton"] = spec => new HaltonSampler(spec),
        ["sobol"] = spec => new SobolSampler(new SobolOptions(), spec),
    };

    /// <summary>The allowed names, in table order.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Whether <paramref name="name"/> names a base sampler.</summary>
    public static bool Contains(string? name) => name is not null && ByName.ContainsKey(name);

    /// <summary>A new base sampler drawing points in <paramref name="spec"/>'s dtype and device.</summary>
    public static IPointSampler Create(string name, TensorSpec spec)
        => ByName.TryGetValue(name, out var create)
            ? create(spec)
            : throw new ArgumentException($"no base sampler '{name}' (allowed: {string.Join(", ", Names)})", nameof(name));
}
