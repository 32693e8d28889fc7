using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// The activation step of the forward Laplacian for its most common request — one second-order operator
/// Σ_k λ_k ∂²_{v_k} (the Laplacian: every λ_k = 1; a Laplacian over space only in a time-dependent problem: λ_t = 0)
/// — on CPU tensors, fused into one loop per pass. The step is bound by memory traffic: as torch operations it takes
/// about five passes over the [N, S, h] block forward and eight backward (products, column sums, in-place updates);
/// here the forward reads Z and writes the output once, and the backward reads G and Z and writes the gradient once.
/// It runs on the calling thread: over whole d = 10 calls, splitting the rows over two threads gained nothing, and
/// under OpenMP's default spinning waits a second thread competes with libtorch's idle workers. Anything else (another
/// device or dtype, several operators) takes the torch path of <see cref="CollapsedActivation"/>; both compute the
/// same sums, in the same order except Σ_s g_s z_s.
/// </summary>
internal static class FusedLaplacianStep
{
    /// <summary>Whether the fused step applies: CPU, float64 or float32, one operator, the block contiguous and within
    /// a span's reach.</summary>
    public static bool Applies(torch.Tensor z, OperatorWeights weights) =>
        weights.SingleOperator is not null
        && z.device_type == DeviceType.CPU
        && z.dtype is torch.ScalarType.Float64 or torch.ScalarType.Float32
        && z.is_contiguous()
        && z.NumberOfElements * z.ElementSize <= int.MaxValue;

    /// <summary>
    /// Output [N, S, h]: σ(z₀) | σ′(z₀) z_k | σ′(z₀) z_P + σ″(z₀) Σ_k λ_k z_k², and the curvature Σ_k λ_k z_k² [N, 1, h].
    /// </summary>
    /// <param name="z">[N, S, h], S = K + 2, contiguous.</param>
    /// <param name="sigma">σ, σ′, σ″ at z₀ + b, each [N, h].</param>
    /// <param name="weights">λ_k, K of them.</param>
    public static (torch.Tensor Output, torch.Tensor Curvature) Forward(torch.Tensor z, torch.Tensor[] sigma, double[] weights)
    {
        var (n, s, h) = ((int)z.shape[0], (int)z.shape[1], (int)z.shape[2]);
        var output = torch.empty_like(z);
        var curvature = torch.empty([n, 1, h], z.dtype, z.device);
        var (s0, s1, s2) = (Dense(sigma[0]), Dense(sigma[1]), Dense(sigma[2]));
        if (z.dtype == torch.ScalarType.Float64)
            ForwardRows(n, s, h, weights, z, s0, s1, s2, output, curvature);
        else
            ForwardRows(n, s, h, Single(weights), z, s0, s1, s2, output, curvature);
        return (output, curvature);
    }

    /// <summary>
    /// The gradient with respect to Z [N, S, h] and to the value column's input z₀ + b [N, h], for the output's
    /// gradient G [N, S, h].
    /// </summary>
    public static (torch.Tensor GradZ, torch.Tensor GradValue) Backward(
        torch.Tensor g, torch.Tensor z, torch.Tensor s1, torch.Tensor s2, torch.Tensor s3, torch.Tensor curvature, double[] weights)
    {
        var (n, s, h) = ((int)z.shape[0], (int)z.shape[1], (int)z.shape[2]);
        g = Dense(g);
        var gradZ = torch.empty_like(z);
        var gradValue = torch.empty([n, h], z.dtype, z.device);
        (s1, s2, s3, curvature) = (Dense(s1), Dense(s2), Dense(s3), Dense(curvature));
        if (z.dtype == torch.ScalarType.Float64)
            BackwardRows(n, s, h, weights, g, z, s1, s2, s3, curvature, gradZ, gradValue);
        else
            BackwardRows(n, s, h, Single(weights), g, z, s1, s2, s3, curvature, gradZ, gradValue);
        return (gradZ, gradValue);
    }

    private static float[] Single(double[] weights) => weights.Select(w => (float)w).ToArray();

    private static torch.Tensor Dense(torch.Tensor t) => t.is_contiguous() ? t : t.contiguous();

    private static Span<T> Of<T>(torch.Tensor t) where T : unmanaged => MemoryMarshal.Cast<byte, T>(t.bytes);

    private static void ForwardRows<T>(int n, int s, int h, T[] weights,
        torch.Tensor zT, torch.Tensor s0T, torch.Tensor s1T, torch.Tensor s2T, torch.Tensor outT, torch.Tensor curvT)
        where T : unmanaged, INumber<T>
    {
        var z = Of<T>(zT);
        var o = Of<T>(outT);
        var curv = Of<T>(curvT);
        var s0 = Of<T>(s0T);
        var s1 = Of<T>(s1T);
        var s2 = Of<T>(s2T);
        var p = s - 1;
        for (var r = 0; r < n; r++)
        {
            var block = r * s * h;
            var row = r * h;
            var c = curv.Slice(row, h);
            var d1 = s1.Slice(row, h);
            s0.Slice(row, h).CopyTo(o.Slice(block, h));
            c.Clear();
            for (var k = 1; k < p; k++)
                ScaleAndAccumulateSquare(z.Slice(block + k * h, h), d1, weights[k - 1], o.Slice(block + k * h, h), c);
            OperatorColumn(z.Slice(block + p * h, h), d1, s2.Slice(row, h), c, o.Slice(block + p * h, h));
        }
    }

    private static void BackwardRows<T>(int n, int s, int h, T[] weights,
        torch.Tensor gT, torch.Tensor zT, torch.Tensor s1T, torch.Tensor s2T, torch.Tensor s3T, torch.Tensor curvT,
        torch.Tensor gzT, torch.Tensor gvT)
        where T : unmanaged, INumber<T>
    {
        var g = Of<T>(gT);
        var z = Of<T>(zT);
        var gz = Of<T>(gzT);
        var gv = Of<T>(gvT);
        var s1 = Of<T>(s1T);
        var s2 = Of<T>(s2T);
        var s3 = Of<T>(s3T);
        var curv = Of<T>(curvT);
        var p = s - 1;
        var spread = new T[h];                                   // 2 σ″ g_P: what each direction column adds, times λ_k
        var mixed = new T[h];                                    // Σ_{s≥1} g_s z_s
        for (var r = 0; r < n; r++)
        {
            var block = r * s * h;
            var row = r * h;
            var d1 = s1.Slice(row, h);
            OperatorGradient(g.Slice(block + p * h, h), z.Slice(block + p * h, h), d1, s2.Slice(row, h),
                             gz.Slice(block + p * h, h), spread, mixed);
            for (var k = 1; k < p; k++)
                DirectionGradient(g.Slice(block + k * h, h), z.Slice(block + k * h, h), d1, spread, weights[k - 1], gz.Slice(block + k * h, h), mixed);
            ValueGradient(g.Slice(block, h), d1, s2.Slice(row, h), s3.Slice(row, h), g.Slice(block + p * h, h), curv.Slice(row, h), mixed,
                          gv.Slice(row, h));
            gv.Slice(row, h).CopyTo(gz.Slice(block, h));
        }
    }

    /// <summary>out = σ′ z_k; curvature += λ_k z_k².</summary>
    private static void ScaleAndAccumulateSquare<T>(ReadOnlySpan<T> zk, ReadOnlySpan<T> d1, T weight, Span<T> output, Span<T> curvature)
        where T : unmanaged, INumber<T>
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vz = Vectors(zk);
            var vd = Vectors(d1);
            var vo = Vectors(output);
            var vc = Vectors(curvature);
            var w = new Vector<T>(weight);
            for (var i = 0; i < vz.Length; i++)
            {
                vo[i] = vd[i] * vz[i];
                vc[i] += w * vz[i] * vz[i];
            }
            j = vz.Length * Vector<T>.Count;
        }
        for (; j < zk.Length; j++)
        {
            output[j] = d1[j] * zk[j];
            curvature[j] += weight * zk[j] * zk[j];
        }
    }

    /// <summary>out = σ′ z_P + σ″ curvature.</summary>
    private static void OperatorColumn<T>(ReadOnlySpan<T> zp, ReadOnlySpan<T> d1, ReadOnlySpan<T> d2, ReadOnlySpan<T> curvature, Span<T> output)
        where T : unmanaged, INumber<T>
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vz = Vectors(zp);
            var v1 = Vectors(d1);
            var v2 = Vectors(d2);
            var vc = Vectors(curvature);
            var vo = Vectors(output);
            for (var i = 0; i < vz.Length; i++) vo[i] = v1[i] * vz[i] + v2[i] * vc[i];
            j = vz.Length * Vector<T>.Count;
        }
        for (; j < zp.Length; j++) output[j] = d1[j] * zp[j] + d2[j] * curvature[j];
    }

    /// <summary>gz_P = σ′ g_P; spread = 2 σ″ g_P; mixed = g_P z_P.</summary>
    private static void OperatorGradient<T>(ReadOnlySpan<T> gp, ReadOnlySpan<T> zp, ReadOnlySpan<T> d1, ReadOnlySpan<T> d2,
        Span<T> gradient, Span<T> spread, Span<T> mixed)
        where T : unmanaged, INumber<T>
    {
        var twice = T.One + T.One;
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vg = Vectors(gp);
            var vz = Vectors(zp);
            var v1 = Vectors(d1);
            var v2 = Vectors(d2);
            var vo = Vectors(gradient);
            var vs = Vectors(spread);
            var vm = Vectors(mixed);
            var w2 = new Vector<T>(twice);
            for (var i = 0; i < vg.Length; i++)
            {
                vo[i] = v1[i] * vg[i];
                vs[i] = w2 * v2[i] * vg[i];
                vm[i] = vg[i] * vz[i];
            }
            j = vg.Length * Vector<T>.Count;
        }
        for (; j < gp.Length; j++)
        {
            gradient[j] = d1[j] * gp[j];
            spread[j] = twice * d2[j] * gp[j];
            mixed[j] = gp[j] * zp[j];
        }
    }

    /// <summary>gz_k = σ′ g_k + λ_k spread · z_k; mixed += g_k z_k.</summary>
    private static void DirectionGradient<T>(ReadOnlySpan<T> gk, ReadOnlySpan<T> zk, ReadOnlySpan<T> d1, ReadOnlySpan<T> spread, T weight,
        Span<T> gradient, Span<T> mixed)
        where T : unmanaged, INumber<T>
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vg = Vectors(gk);
            var vz = Vectors(zk);
            var v1 = Vectors(d1);
            var vs = Vectors(spread);
            var vo = Vectors(gradient);
            var vm = Vectors(mixed);
            var w = new Vector<T>(weight);
            for (var i = 0; i < vg.Length; i++)
            {
                vo[i] = v1[i] * vg[i] + w * vs[i] * vz[i];
                vm[i] += vg[i] * vz[i];
            }
            j = vg.Length * Vector<T>.Count;
        }
        for (; j < gk.Length; j++)
        {
            gradient[j] = d1[j] * gk[j] + weight * spread[j] * zk[j];
            mixed[j] += gk[j] * zk[j];
        }
    }

    /// <summary>gv = σ′ g₀ + σ″ mixed + σ‴ g_P · curvature.</summary>
    private static void ValueGradient<T>(ReadOnlySpan<T> g0, ReadOnlySpan<T> d1, ReadOnlySpan<T> d2, ReadOnlySpan<T> d3, ReadOnlySpan<T> gp,
        ReadOnlySpan<T> curvature, ReadOnlySpan<T> mixed, Span<T> gradient)
        where T : unmanaged, INumber<T>
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vg = Vectors(g0);
            var v1 = Vectors(d1);
            var v2 = Vectors(d2);
            var v3 = Vectors(d3);
            var vp = Vectors(gp);
            var vc = Vectors(curvature);
            var vm = Vectors(mixed);
            var vo = Vectors(gradient);
            for (var i = 0; i < vg.Length; i++) vo[i] = vg[i] * v1[i] + vm[i] * v2[i] + vp[i] * vc[i] * v3[i];
            j = vg.Length * Vector<T>.Count;
        }
        for (; j < g0.Length; j++) gradient[j] = g0[j] * d1[j] + mixed[j] * d2[j] + gp[j] * curvature[j] * d3[j];
    }

    private static ReadOnlySpan<Vector<T>> Vectors<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        MemoryMarshal.Cast<T, Vector<T>>(span);

    private static Span<Vector<T>> Vectors<T>(Span<T> span) where T : unmanaged =>
        MemoryMarshal.Cast<T, Vector<T>>(span);
}
