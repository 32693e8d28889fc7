using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Models.Embedding;

/// <summary>
/// A fixed (never trained) map γ: R^d → R^p in front of the network's first layer: γ(x) = s(E x + c) with E [p, d],
/// c [p] and s the sine on some features and the identity on the others (cos z is written sin(z + π/2)). Its features,
/// in this order: the inputs that are neither periodic nor Fourier-embedded, as they are; then per periodic axis i and
/// harmonic k = 1..K, cos(2πk xᵢ/L) and (unless the axis is even) sin(2πk xᵢ/L); then, with Fourier features, cos(2π Bx′) [m] and sin(2π Bx′) [m]
/// of the non-periodic inputs x′ (which then do not pass through as they are).
/// Because γ is a linear layer followed by an elementwise function with exact derivatives of every order, every
/// engine serves it exactly: the forward-mode engines push their jets through <see cref="Layer"/> and
/// <see cref="Activation"/> like through a hidden layer, without recording it on a tape (it has no parameters). Since 1.8.
/// </summary>
public sealed class InputEmbedding : IDisposable
{
    private readonly torch.Tensor _sine;

    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="periodic">The periodic inputs, each axis at most once (may be empty).</param>
    /// <param name="fourier">Random Fourier features of the other inputs, or null.</param>
    /// <param name="generator">The CPU generator B is drawn from (the run's initialisation stream); only read with
    /// <paramref name="fourier"/>.</param>
    /// <param name="spec">dtype and device of E and c.</param>
    /// <exception cref="ArgumentException">Every problem with the arguments at once: no feature at all, an axis out of range
    /// or given twice, a period or scale that is not positive and finite, fewer than one harmonic or frequency, Fourier
    /// features with every input periodic.</exception>
    public InputEmbedding(int inputDimension, IReadOnlyList<PeriodicAxis> periodic, FourierFeatures? fourier, torch.Generator? generator, TensorSpec spec)
    {
        var problems = Problems(inputDimension, periodic, fourier).ToList();
        if (fourier is not null && generator is null) problems.Add("Fourier features are drawn from a generator, and none was given");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        InputDimension = inputDimension;
        Periodic = periodic.ToArray();
        Fourier = fourier;
        var periodicAxes = periodic.Select(p => p.Axis).ToHashSet();
        var free = Enumerable.Range(0, inputDimension).Where(i => !periodicAxes.Contains(i)).ToArray();
        var rows = new List<(double[] Row, double Offset, bool Sine)>();
        double[] Unit(int axis, double scale)
        {
            var row = new double[inputDimension];
            row[axis] = scale;
            return row;
        }
        if (fourier is null)
            foreach (var i in free) rows.Add((Unit(i, 1.0), 0.0, false));
        foreach (var p in periodic)
        for (var k = 1; k <= p.Harmonics; k++)
        {
            var frequency = 2 * Math.PI * k / p.Period;
            rows.Add((Unit(p.Axis, frequency), Math.PI / 2, true));
            if (!p.Even) rows.Add((Unit(p.Axis, frequency), 0.0, true));
        }
        if (fourier is not null)
        {
            using var draws = torch.randn([fourier.Count, free.Length], torch.float64, torch.CPU, generator: generator);
            var frequencies = draws.data<double>().Select(v => v * fourier.Scale).ToArray();
            foreach (var offset in new[] { Math.PI / 2, 0.0 })
            for (var r = 0; r < fourier.Count; r++)
            {
                var row = new double[inputDimension];
                for (var j = 0; j < free.Length; j++) row[free[j]] = 2 * Math.PI * frequencies[r * free.Length + j];
                rows.Add((row, offset, true));
            }
        }
        var width = rows.Count;
        var weight = torch.tensor(rows.SelectMany(r => r.Row).ToArray(), [width, inputDimension], spec.DType, spec.Device);
        var bias = torch.tensor(rows.Select(r => r.Offset).ToArray(), [width], spec.DType, spec.Device);
        Layer = new LinearLayer(weight, bias);
        Sine = rows.Select(r => r.Sine).ToArray();
        _sine = torch.tensor(Sine.ToArray(), torch.@bool, spec.Device);
        Activation = new EmbeddingActivation(_sine);
    }

    /// <summary>d.</summary>
    public int InputDimension { get; }

    /// <summary>p, the number of features: the first layer's input width.</summary>
    public int Width => Layer.OutputWidth;

    /// <summary>The periodic inputs.</summary>
    public IReadOnlyList<PeriodicAxis> Periodic { get; }

    /// <summary>The Fourier features, or null.</summary>
    public FourierFeatures? Fourier { get; }

    /// <summary>E [p, d] and c [p]: constants (no grad), saved with the network because B is random.</summary>
    public LinearLayer Layer { get; }

    /// <summary>Per feature [p]: sine (true) or identity (false).</summary>
    public IReadOnlyList<bool> Sine { get; }

    /// <summary>s, elementwise along the last axis [.., p], with its exact derivatives of every order.</summary>
    public Activation Activation { get; }

    /// <summary>γ(x): x [N, d] ↦ [N, p].</summary>
    public torch.Tensor Forward(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return Activation.Apply(Layer.Forward(x)).MoveToOuterDisposeScope();
    }

    /// <summary>What is wrong with these arguments (empty when nothing is).</summary>
    public static IReadOnlyList<string> Problems(int inputDimension, IReadOnlyList<PeriodicAxis> periodic, FourierFeatures? fourier)
    {
        var problems = new List<string>();
        if (periodic.Count == 0 && fourier is null) problems.Add("an input embedding needs periodic axes or Fourier features (it would have no features)");
        foreach (var p in periodic)
        {
            if (p.Axis < 0 || p.Axis >= inputDimension) problems.Add($"periodic axis {p.Axis} is not an input (0 … {inputDimension - 1})");
            if (!(p.Period > 0) || !double.IsFinite(p.Period)) problems.Add($"the period of axis {p.Axis} must be positive and finite, got {p.Period}");
            if (p.Harmonics < 1) problems.Add($"axis {p.Axis} needs at least one harmonic, got {p.Harmonics}");
        }
        foreach (var twice in periodic.GroupBy(p => p.Axis).Where(g => g.Count() > 1))
            problems.Add($"periodic axis {twice.Key} is given {twice.Count()} times");
        if (fourier is not null)
        {
            if (fourier.Count < 1) problems.Add($"Fourier features need at least one frequency, got {fourier.Count}");
            if (!(fourier.Scale > 0) || !double.IsFinite(fourier.Scale)) problems.Add($"the Fourier scale must be positive and finite, got {fourier.Scale}");
            if (periodic.Select(p => p.Axis).Distinct().Count() >= inputDimension)
                problems.Add("Fourier features act on the inputs that are not periodic, and every input is periodic");
        }
        return problems;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Layer.Weight.Dispose();
        Layer.Bias.Dispose();
        _sine.Dispose();
    }
}
