using System.Numerics;
using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Samplers.Standard.Sobol;

/// <summary>
/// Sobol' points with the direction numbers of Joe and Kuo (2008), in Gray-code order (Antonov–Saleev):
/// point n is the XOR of the direction integers v_k of coordinate j over the bits k set in the Gray code
/// n ⊕ (n ≫ 1), so consecutive points differ by one XOR. Integers have <see cref="Bits"/> = 52 binary
/// digits and x = integer / 2^52 is exact in float64 and in [0, 1). Coordinate 1 is van der Corput.
/// The first 2^m points (from index 0) put exactly one point in each interval [k/2^m, (k+1)/2^m) of every
/// coordinate.
/// <para>
/// Scrambled (the default), each call draws from its generator, for every coordinate, the rows of a
/// random lower-triangular binary matrix with unit diagonal and a 52-bit digital shift, in one
/// <c>randint</c> of shape [d, 53]; the draw does not depend on the number of points, so with the same
/// seed N points are the first N of any larger sample. Unscrambled, every call returns the points of
/// index Skip, Skip+1, …, Skip+N−1.
/// </para>
/// </summary>
internal sealed class SobolSampler(SobolOptions options, TensorSpec spec) : UnitCubeSampler(spec)
{
    /// <summary>Binary digits of the direction integers and of the points.</summary>
    internal const int Bits = 52;

    private static readonly double Scale = Math.ScaleB(1.0, -Bits);

    /// <summary>Points of [0,1)^d: [count, d], float64 on the CPU.</summary>
    protected override torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator)
    {
        var max = JoeKuoDirectionNumbers.MaxDimension;
        if (dimension > max)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension,
                $"sobol: the domain needs {dimension} unit-cube coordinates, but the Joe–Kuo direction numbers go up to dimension {max}");
        if (options.Skip > SobolOptions.IndexLimit - count)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"sobol: skip {options.Skip} + {count} points runs past the 2^{Bits} points of a {Bits}-bit sequence");

        var directions = new ulong[dimension * Bits];               // [d, Bits], row j = coordinate j
        for (var j = 0; j < dimension; j++) JoeKuoDirectionNumbers.Fill(j + 1, Bits, directions.AsSpan(j * Bits, Bits));

        var state = new ulong[dimension];                           // the current point, as integers
        if (options.Scramble) Scramble(directions, state, dimension, generator);

        var index = options.Skip;
        var gray = (ulong)(index ^ (index >> 1));
        for (var j = 0; j < dimension; j++)
            for (var k = 0; k < Bits; k++)
                if (((gray >> k) & 1) != 0) state[j] ^= directions[j * Bits + k];

        var values = new double[(long)count * dimension];
        for (var i = 0; i < count; i++, index++)
        {
            var row = (long)i * dimension;
            for (var j = 0; j < dimension; j++) values[row + j] = state[j] * Scale;
            if (i == count - 1) break;
            // Gray codes of n and n+1 differ in bit c = the number of trailing ones of n.
            var c = BitOperations.TrailingZeroCount(~(ulong)index);
            for (var j = 0; j < dimension; j++) state[j] ^= directions[j * Bits + c];
        }
        return torch.tensor(values, [count, dimension], torch.float64, torch.CPU);
    }

    /// <summary>
    /// Replaces each coordinate's direction integers by their image under a random linear matrix
    /// scramble and starts <paramref name="state"/> at a random digital shift (XOR with the shift commutes
    /// with the Gray-code updates, so every point comes out shifted).
    /// </summary>
    private static void Scramble(ulong[] directions, ulong[] state, int dimension, torch.Generator generator)
    {
        long[] words;
        using (var draw = torch.randint(0, 1L << Bits, [dimension, Bits + 1], torch.int64, torch.CPU, generator: generator))
            words = draw.data<long>().ToArray();
        for (var j = 0; j < dimension; j++)
        {
            var own = words.AsSpan(j * (Bits + 1), Bits + 1);
            var rows = LinearMatrixScramble.LowerTriangular(own[..Bits], Bits);
            var v = directions.AsSpan(j * Bits, Bits);
            for (var k = 0; k < Bits; k++) v[k] = LinearMatrixScramble.Multiply(rows, v[k]);
            state[j] = (ulong)own[Bits];
        }
    }
}
