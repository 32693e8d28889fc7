using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Reference;
using TorchSharp;

namespace Pinn.Host.Training;

/// <summary>
/// The error of the trained network against the problem's solution at fixed evaluation points: at every node of
/// the problem's tabulated reference (<see cref="IReferenceDataProblem"/>) when it has one, otherwise at points drawn
/// uniformly from its evaluation domain with their own generator (so they are not training points). The relative L2
/// error ‖u_θ − u*‖_F / ‖u*‖_F pools all fields and points (PINNacle's L2RE); <see cref="Measure"/> adds each field's
/// relative L2 error and the largest absolute error. The network is evaluated <see cref="ChunkRows"/> rows at a time,
/// so memory stays bounded however many nodes the reference has; sums are taken in float64.
/// </summary>
internal sealed class SolutionError : IDisposable
{
    /// <summary>Rows of points evaluated at once.</summary>
    public const int ChunkRows = 8192;

    private readonly torch.Tensor _points;
    private readonly torch.Tensor _solution;
    private readonly torch.Tensor? _otherSolution;
    private readonly double[] _fieldNorms;
    private readonly double[] _otherFieldNorms;

    private SolutionError(torch.Tensor points, torch.Tensor solution, torch.Tensor? otherSolution, IReadOnlyList<string> fieldNames, ReferenceData? reference)
    {
        _points = points;
        _solution = solution;
        _otherSolution = otherSolution;
        FieldNames = fieldNames;
        Reference = reference;
        _fieldNorms = SquaredNorms(solution);
        _otherFieldNorms = otherSolution is null ? [] : SquaredNorms(otherSolution);
    }

    /// <summary>
    /// The error for <paramref name="problem"/>: at its reference nodes when it has tabulated data, else at
    /// <paramref name="count"/> random points when it has a solution, else null (nothing to measure against).
    /// </summary>
    /// <exception cref="InvalidOperationException">The reference data do not have the problem's input and output dimensions.</exception>
    public static SolutionError? For(IProblem problem, int count, long seed, Abstractions.Tensors.TensorSpec spec)
    {
        var names = problem.OutputNames;
        if (problem is IReferenceDataProblem { ReferenceData: { } reference })
        {
            if (reference.InputDimension != problem.InputDimension || reference.OutputDimension != problem.OutputDimension)
                throw new InvalidOperationException($"its reference data {reference.Source} have {reference.InputDimension} inputs and {reference.OutputDimension} outputs, "
                                                    + $"the problem {problem.InputDimension} and {problem.OutputDimension}");
            using var scope = torch.NewDisposeScope();
            var points = reference.PointsTensor(spec.DType, spec.Device);
            var values = reference.ValuesTensor(torch.float64, spec.Device);
            torch.Tensor? other = null;
            if (problem.HasSolution)
                using (torch.no_grad()) other = Checked(problem.Solution(points), reference.Count, problem.OutputDimension).to(torch.float64);
            var error = new SolutionError(points.MoveToOuterDisposeScope(), values.MoveToOuterDisposeScope(), other?.MoveToOuterDisposeScope(), names, reference);
            return error;
        }
        if (!problem.HasSolution) return null;
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new torch.Generator((ulong)seed, torch.CPU);
            var points = Abstractions.Sampling.DomainSampling.Sample(problem.EvaluationDomain, count,
                                                                      (n, k) => torch.rand([n, k], torch.float64, torch.CPU, generator: generator))
                                                                 .to(spec.DType, spec.Device);
            torch.Tensor solution;
            using (torch.no_grad()) solution = Checked(problem.Solution(points), count, problem.OutputDimension);
            return new SolutionError(points.MoveToOuterDisposeScope(), solution.MoveToOuterDisposeScope(), null, names, null);
        }
    }

    /// <summary>Evaluation points [N, d].</summary>
    public torch.Tensor Points => _points;

    /// <summary>The names of the m fields (the problem's output names).</summary>
    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>The tabulated reference the points and values come from, or null for random points.</summary>
    public ReferenceData? Reference { get; }

    /// <summary>The relative L2 error of <paramref name="network"/>, pooled over fields and points.</summary>
    public double RelativeL2(Mlp network) => Measure(network).RelL2;

    /// <summary>The constraint u = g + φ·N_θ the network is trained under, or null for u = N_θ.</summary>
    public HardConstraint? HardConstraint { get; set; }

    /// <summary>The pooled and per-field relative L2 errors and the largest absolute error of <paramref name="network"/>.</summary>
    public SolutionErrorReport Measure(Mlp network)
    {
        var m = FieldNames.Count;
        var errors = new double[m];
        var otherErrors = new double[m];
        var largest = 0.0;
        var rows = _points.shape[0];
        using var noGrad = torch.no_grad();
        for (long start = 0; start < rows; start += ChunkRows)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(ChunkRows, rows - start);
            var x = _points.narrow(0, start, length);
            var prediction = (HardConstraint is { } constraint ? constraint.Apply(x, network.Forward(x)) : network.Forward(x)).to(torch.float64);
            var difference = prediction - _solution.narrow(0, start, length).to(torch.float64);
            Add(errors, difference);
            largest = Math.Max(largest, difference.abs().max().ToDouble());
            if (_otherSolution is not null) Add(otherErrors, prediction - _otherSolution.narrow(0, start, length));
        }
        var fields = new Dictionary<string, double>(m);
        for (var j = 0; j < m; j++) fields[FieldNames[j]] = Relative(errors[j], _fieldNorms[j]);
        return new SolutionErrorReport(Relative(errors.Sum(), _fieldNorms.Sum()), fields, largest,
                                       _otherSolution is null ? null : Relative(otherErrors.Sum(), _otherFieldNorms.Sum()));
    }

    public void Dispose()
    {
        _points.Dispose();
        _solution.Dispose();
        _otherSolution?.Dispose();
    }

    /// <summary>√error / √norm, or √error alone when the reference is zero (as the pooled error always was).</summary>
    private static double Relative(double squaredError, double squaredNorm)
        => squaredNorm > 0 ? Math.Sqrt(squaredError) / Math.Sqrt(squaredNorm) : Math.Sqrt(squaredError);

    private static void Add(double[] sums, torch.Tensor difference)
    {
        var perField = difference.to(torch.float64).square().sum([0L]).cpu().data<double>().ToArray();
        for (var j = 0; j < sums.Length; j++) sums[j] += perField[j];
    }

    private static double[] SquaredNorms(torch.Tensor values)
    {
        using var scope = torch.NewDisposeScope();
        return values.to(torch.float64).square().sum([0L]).cpu().data<double>().ToArray();
    }

    /// <summary>The solution as [N, m], or an exception saying what shape it had.</summary>
    private static torch.Tensor Checked(torch.Tensor solution, long rows, int outputs)
    {
        if (solution.dim() == 2 && solution.shape[0] == rows && solution.shape[1] == outputs) return solution;
        throw new InvalidOperationException($"its solution has shape [{string.Join(", ", solution.shape)}] at {rows} points, expected [{rows}, {outputs}]");
    }
}
