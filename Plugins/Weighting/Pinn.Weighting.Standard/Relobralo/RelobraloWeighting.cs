using Pinn.Abstractions.Weighting;
using Pinn.Weighting.Standard.Schedule;
using TorchSharp;

namespace Pinn.Weighting.Standard.Relobralo;

/// <summary>
/// Relative loss balancing with random lookback (Bischof &amp; Kraus 2021). With m conditions and losses L_c at updates,
/// λ_bal(t, t′)_c = m · exp(L_c(t) / (T·L_c(t′))) / Σ_j exp(L_j(t) / (T·L_j(t′))); then
/// λ_c(t) = α·(ρ·λ_c(t − 1) + (1 − ρ)·λ_bal(t, 0)_c) + (1 − α)·λ_bal(t, t − 1)_c with ρ ~ Bernoulli(saudade), drawn from
/// the run's seed and the step (so a resumed run draws the same). The first update only remembers the losses.
/// </summary>
internal sealed class RelobraloWeighting(RelobraloOptions options, long seed) : ILossWeighting
{
    private readonly LossHistory _first = new("first"), _previous = new("previous");

    public WeightUpdate? Update(IWeightingContext context)
    {
        if (context.Step % options.Every != 0) return null;
        var losses = LossHistory.Measure(context);
        if (_first.Values is not { } first || _previous.Values is not { } previous)
        {
            (_first.Values, _previous.Values) = (losses, losses);
            return null;
        }
        var names = context.Conditions.Select(c => c.Name).ToArray();
        var againstPrevious = Balance(losses, previous);
        var againstFirst = Balance(losses, first);
        var rho = Uniform(seed, context.Step) < options.Saudade ? 1.0 : 0.0;
        var multipliers = new Dictionary<string, double>();
        for (var c = 0; c < names.Length; c++)
        {
            var history = rho * context.Multipliers[names[c]] + (1 - rho) * againstFirst[c];
            multipliers[names[c]] = options.Alpha * history + (1 - options.Alpha) * againstPrevious[c];
        }
        _previous.Values = losses;
        return new WeightUpdate(multipliers, Diagnostics: new Dictionary<string, double> { ["rho"] = rho });
    }

    /// <summary>λ_bal: m-scaled softmax of L(t) / (T·L(t′)); a loss that was 0 counts as the smallest positive double.</summary>
    private double[] Balance(double[] now, double[] then)
        => StableSoftmax.TimesCount(now.Select((l, c) => l / (options.Temperature * Math.Max(then[c], double.Epsilon))).ToArray());

    /// <summary>A uniform number in [0, 1) from (seed, step) by SplitMix64: the same in every process.</summary>
    internal static double Uniform(long seed, long step)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)step + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    public IReadOnlyDictionary<string, torch.Tensor> StateDict()
    {
        var state = new Dictionary<string, torch.Tensor>();
        _first.WriteTo(state);
        _previous.WriteTo(state);
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        _first.ReadFrom(state);
        _previous.ReadFrom(state);
    }
}
