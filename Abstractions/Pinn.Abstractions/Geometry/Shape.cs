using Pinn.Abstractions.Geometry.Csg;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>
/// A closed solid region of R^d for constructive solid geometry: the primitives <see cref="Box"/>, <see cref="Ball"/>
/// and <see cref="Polygon"/>, and the set operations <c>a − b</c> (difference), <c>a | b</c> (union) and <c>a &amp; b</c>
/// (intersection), nestable. Every shape is a domain (its interior, sampled uniformly by volume, by rejection where it
/// must be), knows a signed distance, and has a boundary made of named pieces (a box's faces, a ball's sphere, a
/// polygon's edges) that <see cref="Boundary(string[])"/> selects for a condition, with outward unit normals.
/// </summary>
public abstract class Shape : IRejectionDomain
{
    private IReadOnlyList<BoundaryPiece>? _pieces;

    private protected Shape()
    {
    }

    /// <summary>A name that prefixes the names of this shape's boundary pieces (<c>"outer"</c> gives <c>outer.left</c>,
    /// …; a ball named <c>hole1</c> has the one piece <c>hole1</c>). Without a name, a box's pieces are its face names,
    /// a disk's piece is <c>circle</c>, a ball's <c>sphere</c>, a polygon's <c>edge0</c>, <c>edge1</c>, ….</summary>
    public string? Name { get; init; }

    /// <inheritdoc />
    public abstract int Dimension { get; }

    /// <inheritdoc />
    public abstract int SamplingDimension { get; }

    /// <inheritdoc />
    public abstract double Measure { get; }

    /// <inheritdoc />
    public abstract (double[] Lower, double[] Upper) Bounds { get; }

    /// <inheritdoc />
    public virtual IDomain Proposal => this;

    /// <inheritdoc />
    public virtual double AcceptanceRate => 1.0;

    /// <summary>A signed distance to the boundary at points x [N, d]: [N], negative inside, zero on the boundary, positive
    /// outside. Exact for the primitives; for set operations the usual min/max composition, whose magnitude may
    /// underestimate the true distance away from the boundary but is exact near it.</summary>
    public abstract torch.Tensor SignedDistance(torch.Tensor x);

    /// <summary>An approximate distance to the boundary |signed distance| [N] at points x [N, d] (for hard constraints).</summary>
    public torch.Tensor Distance(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return SignedDistance(x).abs().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public abstract torch.Tensor Map(torch.Tensor unit);

    /// <inheritdoc />
    public virtual torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, GetType().Name);
        using var scope = torch.NewDisposeScope();
        return SignedDistance(x).le(tolerance).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public virtual torch.Tensor Accepts(torch.Tensor candidates)
    {
        using var scope = torch.NewDisposeScope();
        return SignedDistance(candidates).le(0).MoveToOuterDisposeScope();
    }

    /// <summary>The names of the boundary pieces, in order (a name may repeat when two unnamed primitives have the same
    /// face names; a selection then takes all of them).</summary>
    public IReadOnlyList<string> PieceNames => Pieces.Select(p => p.Name).Distinct().ToArray();

    /// <summary>The primitives' boundary pieces with their orientation in this shape.</summary>
    internal IReadOnlyList<BoundaryPiece> Pieces => _pieces ??= CreatePieces();

    /// <summary>The boundary pieces, created once the name is known.</summary>
    private protected abstract IReadOnlyList<BoundaryPiece> CreatePieces();

    /// <summary>The whole boundary.</summary>
    public ShapeBoundary Boundary() => new(this, Pieces, "∂" + this);

    /// <summary>
    /// The part of the boundary on the listed pieces. A selector matches a piece whose name equals it or begins with
    /// it followed by a dot (<c>"outer"</c> selects <c>outer.left</c>, <c>outer.top</c>, …).
    /// </summary>
    /// <exception cref="ArgumentException">When a selector matches no piece (the message lists the pieces).</exception>
    public ShapeBoundary Boundary(params string[] pieces)
    {
        if (pieces.Length == 0) return Boundary();
        var unknown = pieces.Where(s => !Pieces.Any(p => Matches(p.Name, s))).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"{this} has no boundary piece {string.Join(", ", unknown.Select(s => $"'{s}'"))} (its pieces: {string.Join(", ", PieceNames)})");
        return new ShapeBoundary(this, Pieces.Where(p => pieces.Any(s => Matches(p.Name, s))).ToArray(), $"∂{this}[{string.Join(",", pieces)}]");
    }

    /// <summary>The part of the boundary on the pieces whose names satisfy <paramref name="select"/>.</summary>
    /// <exception cref="ArgumentException">When no piece is selected.</exception>
    public ShapeBoundary Boundary(Func<string, bool> select)
    {
        var chosen = Pieces.Where(p => select(p.Name)).ToArray();
        if (chosen.Length == 0) throw new ArgumentException($"no boundary piece of {this} was selected (its pieces: {string.Join(", ", PieceNames)})");
        return new ShapeBoundary(this, chosen, $"∂{this}[{string.Join(",", chosen.Select(p => p.Name).Distinct())}]");
    }

    private static bool Matches(string piece, string selector)
        => piece == selector || piece.StartsWith(selector + ".", StringComparison.Ordinal);

    /// <summary>The name of a piece of this shape: <paramref name="piece"/>, prefixed with <see cref="Name"/> when set.</summary>
    private protected string PieceName(string piece) => Name is null ? piece : $"{Name}.{piece}";

    /// <summary>a − b: the points of a not in the interior of b.</summary>
    public static Shape operator -(Shape a, Shape b) => new Difference(a, b);

    /// <summary>a ∪ b.</summary>
    public static Shape operator |(Shape a, Shape b) => new Union(a, b);

    /// <summary>a ∩ b.</summary>
    public static Shape operator &(Shape a, Shape b) => new Intersection(a, b);

    /// <summary>This shape minus each of <paramref name="holes"/>.</summary>
    public Shape Minus(params Shape[] holes) => holes.Aggregate(this, (s, h) => s - h);
}
