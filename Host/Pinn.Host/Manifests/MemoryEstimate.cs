using Pinn.Abstractions.Optimization;

namespace Pinn.Host.Manifests;

/// <summary>
/// A lower bound of the memory a run needs, known before any tensor exists: the training points, the parameters
/// with their gradient, the network's activations at the training points (per point and hidden unit,
/// <see cref="ValueTensors"/> numbers when only values are needed, <see cref="DerivativeTensors"/> when the residual
/// needs derivatives) and the dense matrices a Gauss–Newton optimizer forms (J [M, D] and its factors, M ≥ one row
/// per point). A run whose lower bound exceeds the machine's memory cannot finish; it is refused before it starts
/// instead of being killed by the kernel mid-run.
/// </summary>
/// <param name="Points">N, the training points over all conditions.</param>
/// <param name="Parameters">D.</param>
/// <param name="PointBytes">The training points [N, d].</param>
/// <param name="ParameterBytes">θ and its gradient, [D] each.</param>
/// <param name="ActivationBytes">The activations of one forward pass over all training points.</param>
/// <param name="MatrixBytes">The largest set of dense matrices one stage's optimizer holds.</param>
/// <param name="MatrixOwner">The stage whose optimizer holds them (index), or null.</param>
internal sealed record MemoryEstimate(double Points, double Parameters, double PointBytes, double ParameterBytes, double ActivationBytes,
                                      double MatrixBytes, int? MatrixOwner)
{
    /// <summary>[N, width] tensors per hidden layer of a forward pass with its graph, values only (the activation's
    /// input and output).</summary>
    public const int ValueTensors = 2;

    /// <summary>The same when derivatives are needed. Measured peaks on poisson2d (400 000 points, widths 8 and 64, one
    /// Adam step, float64) came to 15–22 such tensors with autodiff and 31 with forward-laplacian; 8 stays below every
    /// run measured, so the estimate refuses only runs that cannot fit.</summary>
    public const int DerivativeTensors = 8;

    /// <summary>All of it.</summary>
    public double Bytes => PointBytes + ParameterBytes + ActivationBytes + MatrixBytes;

    /// <summary>The machine's memory (physical memory, or the container's limit).</summary>
    public static double MachineBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <param name="elementSize">Bytes per number: 8 for float64, 4 for float32.</param>
    /// <param name="inputs">d.</param>
    /// <param name="hidden">Hidden widths.</param>
    /// <param name="outputs">The network's outputs.</param>
    /// <param name="extraParameters">The problem's trainable parameters.</param>
    /// <param name="points">N_c of each condition.</param>
    /// <param name="derivatives">Whether any condition needs derivatives of the network (not only its value).</param>
    /// <param name="stages">Each stage's optimizer's requirements.</param>
    public static MemoryEstimate Of(int elementSize, int inputs, IReadOnlyList<int> hidden, int outputs, long extraParameters,
                                    IEnumerable<int> points, bool derivatives, IReadOnlyList<OptimizerRequirements> stages)
    {
        double n = points.Sum(p => (double)p);
        double d = extraParameters;
        var widths = new[] { inputs }.Concat(hidden).Append(outputs).ToArray();
        for (var l = 0; l + 1 < widths.Length; l++) d += (double)widths[l] * widths[l + 1] + widths[l + 1];
        double matrixBytes = 0;
        int? owner = null;
        for (var i = 0; i < stages.Count; i++)
        {
            var bytes = elementSize * (stages[i].JacobianCopies * n * d + stages[i].GramianCopies * d * d);
            if (bytes > matrixBytes) (matrixBytes, owner) = (bytes, i);
        }
        var perUnit = derivatives ? DerivativeTensors : ValueTensors;
        return new MemoryEstimate(n, d, n * inputs * elementSize, 2 * d * elementSize, perUnit * n * hidden.Sum(h => (double)h) * elementSize,
                                  matrixBytes, owner);
    }

    /// <summary>The JSON path of the manifest field that asks for the largest part: the optimizer that forms the
    /// matrices, the network's widths, or the point counts.</summary>
    public string Culprit(IReadOnlyList<string> stagePaths)
        => MatrixOwner is { } o && MatrixBytes >= Math.Max(ActivationBytes, ParameterBytes) ? $"{stagePaths[o]}.name"
            : ParameterBytes >= ActivationBytes ? "$.model.hidden"
            : "$.sampler.points";

    /// <summary>What the run needs against what the machine has, and what to change.</summary>
    public string Explain(IReadOnlyList<string> stageOptimizers, double machineBytes)
        => $"the run needs at least {GiB(Bytes)} ({GiB(PointBytes)} of points, {GiB(ParameterBytes)} for D = {Parameters:0} parameters and their gradient, "
           + $"{GiB(ActivationBytes)} of activations at {Points:0} points"
           + (MatrixOwner is { } o ? $", {GiB(MatrixBytes)} of dense Jacobian matrices for optimizer '{stageOptimizers[o]}'" : "")
           + $") but this machine has {GiB(machineBytes)}: use fewer points, a smaller network"
           + (MatrixOwner is not null ? ", or an optimizer that never forms J (kfac-star, hessian-free)" : "");

    private static string GiB(double bytes) => $"{bytes / (1L << 30):F1} GiB";
}
