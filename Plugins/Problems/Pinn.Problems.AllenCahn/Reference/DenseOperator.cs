using MathNet.Numerics.LinearAlgebra;
using SimdVector = System.Numerics.Vector<double>;

namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// A square matrix [n, n] kept row-major for the many matrix–vector products of time stepping
/// (a SIMD dot product per row: MathNet's managed provider is several times slower for one vector).
/// </summary>
internal sealed class DenseOperator
{
    private readonly double[] _rows; // [n, n] row-major

    /// <param name="matrix">The matrix, square.</param>
    public DenseOperator(Matrix<double> matrix)
    {
        if (matrix.RowCount != matrix.ColumnCount) throw new ArgumentException("must be square", nameof(matrix));
        Size = matrix.RowCount;
        _rows = matrix.ToRowMajorArray();
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>y = A x, with x and y of length n (distinct buffers).</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Size || y.Length != Size) throw new ArgumentException($"vectors of length {x.Length}, {y.Length} for a matrix of size {Size}");
        var width = SimdVector.Count;
        for (var i = 0; i < Size; i++)
        {
            var row = _rows.AsSpan(i * Size, Size);
            var sum = SimdVector.Zero;
            var j = 0;
            for (; j <= Size - width; j += width)
                sum += new SimdVector(row[j..]) * new SimdVector(x[j..]);
            var value = System.Numerics.Vector.Sum(sum);
            for (; j < Size; j++) value += row[j] * x[j];
            y[i] = value;
        }
    }
}
