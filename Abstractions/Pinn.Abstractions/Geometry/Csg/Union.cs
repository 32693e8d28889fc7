using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>a ∪ b, sampled by rejection from the bounding box of both.</summary>
internal sealed class Union : CompositeShape
{
    private readonly Box _hull;

    public Union(Shape a, Shape b) : base(a, b, "union")
    {
        var (la, ua) = a.Bounds;
        var (lb, ub) = b.Bounds;
        _hull = new Box(la.Zip(lb, Math.Min).ToArray(), ua.Zip(ub, Math.Max).ToArray());
    }

    public override (double[] Lower, double[] Upper) Bounds => _hull.Bounds;

    public override IDomain Proposal => _hull;

    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return torch.minimum(A.SignedDistance(Checked(this, x)), B.SignedDistance(x)).MoveToOuterDisposeScope();
    }

    private protected override IReadOnlyList<BoundaryPiece> CreatePieces() => [.. A.Pieces, .. B.Pieces];

    public override string ToString() => $"({A} ∪ {B})";
}
