using MathNet.Numerics.LinearAlgebra;

namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// One step of ETDRK4 (Cox and Matthews 2002, in the form of Kassam and Trefethen 2005) for
/// v' = L v + N(v), with L a fixed matrix [n, n] that is diagonalizable with real eigenvalues
/// (a collocated diffusion operator). The matrix functions e^{hL}, e^{hL/2} and the φ-type
/// combinations Q, f1, f2, f3 are formed once as V g(hΛ) V⁻¹ from MathNet's eigen-decomposition
/// L = V Λ V⁻¹ (and MathNet's LU for V⁻¹); a step then costs nine matrix–vector products and four
/// evaluations of N. Fourth order for smooth solutions.
/// </summary>
internal sealed class Etdrk4Stepper
{
    private readonly DenseOperator _e, _halfE, _q, _f1, _f2, _f3;
    private readonly double[] _nv, _na, _nb, _nc, _a, _b, _c, _work, _halfEv;

    /// <param name="linear">L [n, n].</param>
    /// <param name="step">h &gt; 0, in units of time.</param>
    public Etdrk4Stepper(Matrix<double> linear, double step)
    {
        if (linear.RowCount != linear.ColumnCount) throw new ArgumentException("the linear part must be square", nameof(linear));
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "must be > 0");
        Step = step;
        var n = linear.RowCount;
        var evd = linear.Evd(Symmetricity.Asymmetric);
        var eigenvalues = new double[n];
        for (var i = 0; i < n; i++)
        {
            var lambda = evd.EigenValues[i];
            if (Math.Abs(lambda.Imaginary) > 1e-8 * Math.Max(1, lambda.Magnitude))
                throw new InvalidOperationException($"the linear part has a complex eigenvalue {lambda}; ETDRK4 here needs real ones");
            eigenvalues[i] = lambda.Real;
        }
        var vectors = evd.EigenVectors;
        var inverse = vectors.Inverse();
        var coefficients = eigenvalues.Select(lambda => Etdrk4Coefficients.Of(lambda, step)).ToArray();
        DenseOperator Function(Func<Etdrk4Coefficients, double> g)
        {
            var scaled = vectors.Clone();
            for (var j = 0; j < n; j++)
            {
                var factor = g(coefficients[j]);
                for (var i = 0; i < n; i++) scaled[i, j] *= factor;
            }
            return new DenseOperator(scaled * inverse);
        }
        _e = Function(c => c.E);
        _halfE = Function(c => c.HalfE);
        _q = Function(c => c.Q);
        _f1 = Function(c => c.F1);
        _f2 = Function(c => c.F2);
        _f3 = Function(c => c.F3);
        _nv = new double[n]; _na = new double[n]; _nb = new double[n]; _nc = new double[n];
        _a = new double[n]; _b = new double[n]; _c = new double[n]; _work = new double[n]; _halfEv = new double[n];
    }

    /// <summary>h.</summary>
    public double Step { get; }

    /// <summary>Advances v [n] by one step h in place.</summary>
    public void Advance(Span<double> v, NonlinearTerm nonlinear)
    {
        var n = _work.Length;
        if (v.Length != n) throw new ArgumentException($"a state of length {v.Length} for an operator of size {n}", nameof(v));
        nonlinear(v, _nv);
        _halfE.Apply(v, _halfEv);
        _q.Apply(_nv, _a);
        for (var i = 0; i < n; i++) _a[i] += _halfEv[i];                 // a = E½ v + Q N(v)
        nonlinear(_a, _na);
        _q.Apply(_na, _b);
        for (var i = 0; i < n; i++) _b[i] += _halfEv[i];                 // b = E½ v + Q N(a)
        nonlinear(_b, _nb);
        for (var i = 0; i < n; i++) _work[i] = 2 * _nb[i] - _nv[i];
        _q.Apply(_work, _c);
        _halfE.Apply(_a, _work);
        for (var i = 0; i < n; i++) _c[i] += _work[i];                   // c = E½ a + Q (2N(b) − N(v))
        nonlinear(_c, _nc);

        _e.Apply(v, _work);
        _f1.Apply(_nv, _a);
        for (var i = 0; i < n; i++) { _work[i] += _a[i]; _b[i] = 2 * (_na[i] + _nb[i]); }
        _f2.Apply(_b, _a);
        for (var i = 0; i < n; i++) _work[i] += _a[i];
        _f3.Apply(_nc, _a);
        for (var i = 0; i < n; i++) v[i] = _work[i] + _a[i];           // v ← E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c)
    }
}
