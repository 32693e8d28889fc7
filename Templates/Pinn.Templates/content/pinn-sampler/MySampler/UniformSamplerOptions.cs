namespace MySampler;

/// <summary>Options of the sampler, read from the manifest's <c>"sampler": { "options": … }</c> (camelCase keys).</summary>
public sealed record UniformSamplerOptions
{
    /// <summary>
    /// Antithetic pairs: the second half of each draw is 1 − u of the first half (in the unit cube), which cancels the
    /// first-order error of averages over the points. true or false.
    /// </summary>
    public bool Antithetic { get; init; }
}
