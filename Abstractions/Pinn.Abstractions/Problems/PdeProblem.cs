using Pinn.Abstractions.Geometry;
using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// The parts of <see cref="IProblem"/> every problem repeats: fixed input names, evaluation domain and
/// output dimension, and a solution (closed form or reference). A derived problem sets
/// <see cref="Conditions"/> (and <see cref="Parameters"/>, if it trains any) in its constructor and
/// implements <see cref="Solution"/>.
/// </summary>
public abstract class PdeProblem : IProblem
{
    /// <param name="inputNames">Names of the d inputs, time first for time-dependent problems.</param>
    /// <param name="evaluationDomain">Where the error against the solution is measured (dimension d).</param>
    /// <param name="outputDimension">m, the number of unknown fields.</param>
    protected PdeProblem(IReadOnlyList<string> inputNames, IDomain evaluationDomain, int outputDimension = 1)
    {
        if (evaluationDomain.Dimension != inputNames.Count)
            throw new ArgumentException($"the evaluation domain has dimension {evaluationDomain.Dimension}, the problem {inputNames.Count} inputs");
        InputNames = inputNames;
        EvaluationDomain = evaluationDomain;
        OutputDimension = outputDimension;
    }

    /// <inheritdoc />
    public int InputDimension => InputNames.Count;

    /// <inheritdoc />
    public int OutputDimension { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Names of the m outputs (e.g. <c>u, v, p</c>); a derived problem may set them in its constructor,
    /// otherwise <c>u</c> for one field and <c>u1</c> … <c>um</c> for m.</summary>
    /// <exception cref="ArgumentException">Set to other than m distinct, non-empty names.</exception>
    public IReadOnlyList<string> OutputNames
    {
        get => _outputNames ??= FieldNames.Default(OutputDimension);
        protected init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (FieldNames.Problem(value, OutputDimension) is { } wrong) throw new ArgumentException(wrong, nameof(OutputNames));
            _outputNames = [.. value];
        }
    }

    private IReadOnlyList<string>? _outputNames;

    /// <inheritdoc />
    public IReadOnlyList<Condition> Conditions { get; protected init; } = [];

    /// <inheritdoc />
    public IReadOnlyList<ProblemParameter> Parameters { get; protected init; } = [];

    /// <inheritdoc />
    public IDomain EvaluationDomain { get; }

    /// <inheritdoc />
    public virtual bool HasSolution => true;

    /// <inheritdoc />
    public abstract torch.Tensor Solution(torch.Tensor x);

    /// <summary>x1 … x_d, preceded by t when <paramref name="time"/> is set.</summary>
    protected static string[] CoordinateNames(int dimension, bool time = false)
        => [.. time ? ["t"] : Array.Empty<string>(), .. Enumerable.Range(1, dimension).Select(i => $"x{i}")];
}
