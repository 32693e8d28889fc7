using System.Numerics;

namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// The scalar coefficients of the fourth-order exponential time-differencing Runge–Kutta scheme
/// (Cox and Matthews) for one eigenvalue λ of the linear part and a step h, with z = hλ:
/// E = e^z, E½ = e^{z/2}, Q = h(e^{z/2} − 1)/z, and
/// f1 = h(−4 − z + e^z(4 − 3z + z²))/z³, f2 = h(2 + z + e^z(z − 2))/z³,
/// f3 = h(−4 − 3z − z² + e^z(4 − z))/z³.
/// The quotients cancel badly near z = 0, so each is the mean of its values on a circle of radius
/// one around z (Kassam and Trefethen, SIAM J. Sci. Comput. 26 (2005) 1214): the functions are
/// entire, and the trapezoidal rule on the circle converges geometrically.
/// </summary>
/// <param name="E">e^z.</param>
/// <param name="HalfE">e^{z/2}.</param>
/// <param name="Q">h(e^{z/2} − 1)/z.</param>
/// <param name="F1">h(−4 − z + e^z(4 − 3z + z²))/z³.</param>
/// <param name="F2">h(2 + z + e^z(z − 2))/z³.</param>
/// <param name="F3">h(−4 − 3z − z² + e^z(4 − z))/z³.</param>
internal readonly record struct Etdrk4Coefficients(double E, double HalfE, double Q, double F1, double F2, double F3)
{
    /// <summary>Points on the upper half of the circle; real z makes the lower half the conjugate.</summary>
    private const int ContourPoints = 32;

    /// <summary>The coefficients of the eigenvalue λ (real, ≤ 0 for a dissipative operator) at step h.</summary>
    public static Etdrk4Coefficients Of(double lambda, double h)
    {
        var z = h * lambda;
        Complex q = 0, f1 = 0, f2 = 0, f3 = 0;
        for (var k = 1; k <= ContourPoints; k++)
        {
            var w = z + Complex.Exp(Complex.ImaginaryOne * Math.PI * (k - 0.5) / ContourPoints);
            var ew = Complex.Exp(w);
            var w3 = w * w * w;
            q += (Complex.Exp(w / 2) - 1) / w;
            f1 += (-4 - w + ew * (4 - 3 * w + w * w)) / w3;
            f2 += (2 + w + ew * (w - 2)) / w3;
            f3 += (-4 - 3 * w - w * w + ew * (4 - w)) / w3;
        }
        return new Etdrk4Coefficients(Math.Exp(z), Math.Exp(z / 2), h * q.Real / ContourPoints,
                                      h * f1.Real / ContourPoints, h * f2.Real / ContourPoints, h * f3.Real / ContourPoints);
    }
}
