using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Abstractions.Reference;

/// <summary>
/// A reference solution tabulated at N nodes: the points [N, d], in the problem's input order (time first for
/// time-dependent problems), and the values of the m fields there [N, m], float64. Read once (by
/// <see cref="ReferenceDataReader"/>) and shared: it holds its own copies of the numbers, never changes them and
/// owns no tensor, so it needs no disposal; <see cref="PointsTensor"/> and <see cref="ValuesTensor"/> make new
/// tensors the caller owns. Rows with NaN are not kept (<see cref="DroppedRows"/> counts them); every number held
/// is finite.
/// </summary>
public sealed class ReferenceData
{
    private readonly double[] _points;
    private readonly double[] _values;

    /// <param name="source">Where the data come from, for reports: the file's name (e.g. <c>burgers1d.dat</c>).</param>
    /// <param name="inputNames">Names of the d ≥ 1 inputs, in the order of the points' columns; distinct.</param>
    /// <param name="outputNames">Names of the m ≥ 0 fields, in the order of the values' columns; distinct
    /// (m = 0: points only, e.g. observation points).</param>
    /// <param name="points">Row-major [N, d], N ≥ 1, all finite; copied.</param>
    /// <param name="values">Row-major [N, m], all finite; copied.</param>
    /// <param name="droppedRows">Rows of the source left out because they held NaN (≥ 0).</param>
    /// <exception cref="ArgumentException">The names, lengths or numbers do not fit the above.</exception>
    public ReferenceData(string source, IReadOnlyList<string> inputNames, IReadOnlyList<string> outputNames,
                         ReadOnlySpan<double> points, ReadOnlySpan<double> values, int droppedRows = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (inputNames.Count < 1) throw new ArgumentException("at least one input is needed", nameof(inputNames));
        if (FieldNames.Problem(inputNames, inputNames.Count, "input") is { } badInput) throw new ArgumentException(badInput, nameof(inputNames));
        if (FieldNames.Problem(outputNames, outputNames.Count) is { } badOutput) throw new ArgumentException(badOutput, nameof(outputNames));
        if (points.Length == 0 || points.Length % inputNames.Count != 0)
            throw new ArgumentException($"{points.Length} coordinates do not make N ≥ 1 points of dimension {inputNames.Count}", nameof(points));
        var count = points.Length / inputNames.Count;
        if (values.Length != count * outputNames.Count)
            throw new ArgumentException($"{values.Length} values for {count} points × {outputNames.Count} outputs", nameof(values));
        if (IndexOfNonFinite(points) is >= 0 and var p)
            throw new ArgumentException($"coordinate {p % inputNames.Count} of point {p / inputNames.Count} is {points[p]}", nameof(points));
        if (IndexOfNonFinite(values) is >= 0 and var v)
            throw new ArgumentException($"output {v % outputNames.Count} at point {v / outputNames.Count} is {values[v]}", nameof(values));
        ArgumentOutOfRangeException.ThrowIfNegative(droppedRows);
        Source = source;
        InputNames = [.. inputNames];
        OutputNames = [.. outputNames];
        _points = points.ToArray();
        _values = values.ToArray();
        Count = count;
        DroppedRows = droppedRows;
    }

    /// <summary>Where the data come from, for reports: the file's name (e.g. <c>burgers1d.dat</c>).</summary>
    public string Source { get; }

    /// <summary>N, the number of nodes (rows kept).</summary>
    public int Count { get; }

    /// <summary>d, the number of inputs.</summary>
    public int InputDimension => InputNames.Count;

    /// <summary>m, the number of fields (0 for points only).</summary>
    public int OutputDimension => OutputNames.Count;

    /// <summary>Names of the d inputs, in column order (e.g. <c>t, x</c>).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Names of the m fields, in column order (e.g. <c>u, v, p</c>).</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Rows of the source left out because they held NaN (PINNacle leaves them out of its metric too).</summary>
    public int DroppedRows { get; }

    /// <summary>The nodes, row-major [N, d].</summary>
    public ReadOnlyMemory<double> Points => _points;

    /// <summary>The values at the nodes, row-major [N, m].</summary>
    public ReadOnlyMemory<double> Values => _values;

    /// <summary>Input <paramref name="column"/> (0 ≤ column &lt; d) of node <paramref name="row"/> (0 ≤ row &lt; N).</summary>
    public double Point(int row, int column) => _points[Index(row, column, InputDimension)];

    /// <summary>Field <paramref name="field"/> (0 ≤ field &lt; m) at node <paramref name="row"/> (0 ≤ row &lt; N).</summary>
    public double Value(int row, int field) => _values[Index(row, field, OutputDimension)];

    /// <summary>A new tensor of the nodes [N, d], float64 on the CPU (or as asked); the caller disposes it.</summary>
    public torch.Tensor PointsTensor(torch.ScalarType dtype = torch.ScalarType.Float64, torch.Device? device = null)
        => Tensor(_points, InputDimension, dtype, device);

    /// <summary>A new tensor of the values [N, m], float64 on the CPU (or as asked); the caller disposes it.</summary>
    public torch.Tensor ValuesTensor(torch.ScalarType dtype = torch.ScalarType.Float64, torch.Device? device = null)
        => Tensor(_values, OutputDimension, dtype, device);

    /// <inheritdoc />
    public override string ToString()
        => $"{Source}: {Count} nodes ({string.Join(", ", InputNames)}) → ({string.Join(", ", OutputNames)})"
           + (DroppedRows > 0 ? $", {DroppedRows} rows with NaN left out" : "");

    private int Index(int row, int column, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, width);
        return row * width + column;
    }

    private torch.Tensor Tensor(double[] data, int width, torch.ScalarType dtype, torch.Device? device)
    {
        if (dtype is not (torch.ScalarType.Float64 or torch.ScalarType.Float32 or torch.ScalarType.Float16 or torch.ScalarType.BFloat16))
            throw new ArgumentException($"a floating-point dtype is needed, not {dtype}", nameof(dtype));
        // torch.tensor copies the array, so the tensor never aliases the numbers held here.
        return width == 0 ? torch.zeros([Count, 0], dtype, device ?? torch.CPU) : torch.tensor(data, [Count, width], dtype, device ?? torch.CPU);
    }

    private static int IndexOfNonFinite(ReadOnlySpan<double> numbers)
    {
        for (var i = 0; i < numbers.Length; i++)
            if (!double.IsFinite(numbers[i])) return i;
        return -1;
    }
}
