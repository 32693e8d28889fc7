using Pinn.Optimizers.QuasiNewton.LineSearch;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Optimizers;

/// <summary>The strong-Wolfe line search returns points that satisfy both conditions.</summary>
public sealed class StrongWolfeLineSearchTests
{
    private const double C1 = 1e-4, C2 = 0.9;

    private static void ShouldSatisfyStrongWolfe(LinePoint start, LinePoint point, double c2 = C2)
    {
        point.Alpha.ShouldBeGreaterThan(0);
        point.Value.ShouldBeLessThanOrEqualTo(start.Value + C1 * point.Alpha * start.Slope);
        Math.Abs(point.Slope).ShouldBeLessThanOrEqualTo(c2 * Math.Abs(start.Slope));
    }

    [Theory]
    [InlineData(1.0)]      // the exact minimiser of the quadratic is at α = 1/4: the first trial overshoots
    [InlineData(1e-3)]     // far too short: the search must expand
    [InlineData(100.0)]    // far too long
    public void On_a_quadratic_the_step_satisfies_both_conditions(double initialStep)
    {
        // φ(α) = 2(α − ¼)² along the line, φ'(0) = −1.
        LinePoint Phi(double a) => new(a, 2 * (a - 0.25) * (a - 0.25), 4 * (a - 0.25));
        var search = new StrongWolfeLineSearch(C1, 0.1, 50);
        var point = search.Search(Phi, Phi(0), initialStep, out var evaluations, out _);
        point.ShouldNotBeNull();
        ShouldSatisfyStrongWolfe(Phi(0), point.Value, 0.1);
        evaluations.ShouldBeLessThanOrEqualTo(50);
    }

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(2.0, -1.0)]
    [InlineData(-0.5, 2.5)]
    public void On_Rosenbrock_along_steepest_descent_the_step_satisfies_both_conditions(double x, double y)
    {
        static (double F, double Gx, double Gy) Rosenbrock(double x, double y) =>
            (100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x), -400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x));
        var (_, gx, gy) = Rosenbrock(x, y);
        var (px, py) = (-gx, -gy);
        LinePoint Phi(double a)
        {
            var (f, hx, hy) = Rosenbrock(x + a * px, y + a * py);
            return new LinePoint(a, f, hx * px + hy * py);
        }
        var search = new StrongWolfeLineSearch(C1, C2, 50);
        var point = search.Search(Phi, Phi(0), 1.0, out _, out _);
        point.ShouldNotBeNull();
        ShouldSatisfyStrongWolfe(Phi(0), point.Value);
    }

    [Fact]
    public void A_non_finite_value_is_treated_as_too_far()
    {
        // φ is finite only for α < 0.5 (e.g. a network that overflows beyond): the search backs off.
        LinePoint Phi(double a) => a < 0.5 ? new(a, (a - 0.2) * (a - 0.2), 2 * (a - 0.2)) : new(a, double.NaN, double.NaN);
        var point = new StrongWolfeLineSearch(C1, C2, 50).Search(Phi, Phi(0), 4.0, out _, out _);
        point.ShouldNotBeNull();
        ShouldSatisfyStrongWolfe(Phi(0), point.Value);
    }
}
