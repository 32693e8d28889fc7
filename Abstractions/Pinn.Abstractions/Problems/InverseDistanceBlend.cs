using TorchSharp;

namespace Pinn.Abstractions.Problems;

/// <summary>
/// A <see cref="HardConstraint"/> for Dirichlet data that is constant on each of K boundary pieces (a square with holes:
/// one value outside, another on the holes), built from one smooth distance d_k per piece, zero on piece k and positive
/// inside the domain: φ = 1 / Σ_k 1/d_k vanishes on every piece and is close to the distance to the nearest one, and
/// g = Σ_k v_k/d_k / Σ_k 1/d_k takes the value v_k on piece k (inverse-distance interpolation). Both are evaluated as
/// ratios of products, φ = Π_k d_k / Σ_k Π_{j≠k} d_j, so a point on a piece gives exactly 0 and v_k, never 0/0, as long
/// as no point lies on two pieces at once (pieces that meet, such as a square's faces, belong in one distance:
/// <see cref="BoxDistance"/>). The distances must be smooth where the residuals need derivatives (the domain's
/// interior): a signed distance built with min/max is not.
/// </summary>
public sealed class InverseDistanceBlend
{
    private readonly Func<torch.Tensor, torch.Tensor>[] _distances;
    private readonly double[] _values;

    /// <param name="distances">d_k: x [N, d] ↦ [N, 1], one per piece.</param>
    /// <param name="values">v_k, the data on piece k (one output).</param>
    public InverseDistanceBlend(IReadOnlyList<Func<torch.Tensor, torch.Tensor>> distances, IReadOnlyList<double> values)
    {
        if (distances.Count == 0 || distances.Count != values.Count)
            throw new ArgumentException($"an inverse-distance blend needs one value per distance and at least one piece (got {distances.Count} distances, {values.Count} values)");
        (_distances, _values) = (distances.ToArray(), values.ToArray());
    }

    /// <summary>The constraint u = g + φ·N replacing the named conditions (whose data are the pieces' values).</summary>
    public HardConstraint Constraint(IReadOnlyList<string> replaces) => new(replaces, Distance, Lift);

    /// <summary>φ [N, 1] at x [N, d].</summary>
    public torch.Tensor Distance(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var d = _distances.Select(f => f(x)).ToArray();
        return (Product(d, skip: -1) / Sum(LeaveOneOutProducts(d))).MoveToOuterDisposeScope();
    }

    /// <summary>g [N, 1] at x [N, d].</summary>
    public torch.Tensor Lift(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var leaveOneOut = LeaveOneOutProducts(_distances.Select(f => f(x)).ToArray());
        return (Sum(leaveOneOut.Select((p, k) => p * _values[k])) / Sum(leaveOneOut)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A smooth distance to the faces of the box [lo, hi]: Π_a f_a · min_a(L_a/4) / Π_a (L_a/4) with
    /// f_a = (x_a − lo_a)(hi_a − x_a)/L_a, x [N, d] ↦ [N, 1]: zero on every face, positive inside; on a cube its slope
    /// at the centre of each face is 1, like the distance's.
    /// </summary>
    /// <exception cref="ArgumentException">lo and hi differ in length, or hi ≤ lo on an axis.</exception>
    public static Func<torch.Tensor, torch.Tensor> BoxDistance(IReadOnlyList<double> lo, IReadOnlyList<double> hi)
    {
        if (lo.Count == 0 || lo.Count != hi.Count || lo.Zip(hi).Any(p => !(p.Second > p.First)))
            throw new ArgumentException($"a box needs lo < hi on every axis (got lo [{string.Join(", ", lo)}], hi [{string.Join(", ", hi)}])");
        (lo, hi) = (lo.ToArray(), hi.ToArray());
        var quarter = lo.Zip(hi, (l, h) => (h - l) / 4).ToArray();
        var scale = quarter.Min() / quarter.Aggregate(1.0, (a, b) => a * b);
        return x => Enumerable.Range(0, quarter.Length)
            .Select(a => (x[.., a..(a + 1)] - lo[a]) * (hi[a] - x[.., a..(a + 1)]) / (hi[a] - lo[a]))
            .Aggregate((p, q) => p * q) * scale;
    }

    /// <summary>The distance |x − c| − r to the sphere (circle) of centre c and radius r, positive outside it, x [N, d] ↦ [N, 1].</summary>
    /// <exception cref="ArgumentException">No centre, or a radius that is not positive.</exception>
    public static Func<torch.Tensor, torch.Tensor> SphereDistance(IReadOnlyList<double> centre, double radius)
    {
        if (centre.Count == 0 || !(radius > 0) || double.IsInfinity(radius))
            throw new ArgumentException($"a sphere needs a centre and a radius > 0 (got [{string.Join(", ", centre)}], {radius})");
        var c = centre.ToArray();
        return x => Enumerable.Range(0, c.Length).Select(a => (x[.., a..(a + 1)] - c[a]).square()).Aggregate((p, q) => p + q).sqrt() - radius;
    }

    /// <summary>Π_{j≠k} d_j for every k.</summary>
    private static torch.Tensor[] LeaveOneOutProducts(torch.Tensor[] d) => Enumerable.Range(0, d.Length).Select(k => Product(d, skip: k)).ToArray();

    private static torch.Tensor Sum(IEnumerable<torch.Tensor> terms) => terms.Aggregate((a, b) => a + b);

    private static torch.Tensor Product(torch.Tensor[] d, int skip)
        => d.Where((_, j) => j != skip).Aggregate(torch.ones_like(d[0]), (a, b) => a * b);
}
