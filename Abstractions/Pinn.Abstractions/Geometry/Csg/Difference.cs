using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>a − b: the points of a outside the interior of b; b's boundary pieces bound holes (normals into b).</summary>
internal sealed class Difference : CompositeShape
{
    public Difference(Shape a, Shape b) : base(a, b, "difference") => RefuseEmpty("difference");

    public override (double[] Lower, double[] Upper) Bounds => A.Bounds;

    public override IDomain Proposal => A.Proposal;

    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return torch.maximum(A.SignedDistance(Checked(this, x)), B.SignedDistance(x).neg()).MoveToOuterDisposeScope();
    }

    private protected override IReadOnlyList<BoundaryPiece> CreatePieces() => [.. A.Pieces, .. B.Pieces.Select(p => p.Flipped())];

    public override string ToString() => $"({A} − {B})";
}
