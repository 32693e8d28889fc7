using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>a ∩ b, sampled by rejection from the smaller of the two proposals.</summary>
internal sealed class Intersection : CompositeShape
{
    public Intersection(Shape a, Shape b) : base(a, b, "intersection") => RefuseEmpty("intersection");

    public override (double[] Lower, double[] Upper) Bounds
    {
        get
        {
            var (la, ua) = A.Bounds;
            var (lb, ub) = B.Bounds;
            return (la.Zip(lb, Math.Max).ToArray(), ua.Zip(ub, Math.Min).ToArray());
        }
    }

    public override IDomain Proposal => A.Proposal.Measure <= B.Proposal.Measure ? A.Proposal : B.Proposal;

    public override torch.Tensor SignedDistance(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return torch.maximum(A.SignedDistance(Checked(this, x)), B.SignedDistance(x)).MoveToOuterDisposeScope();
    }

    private protected override IReadOnlyList<BoundaryPiece> CreatePieces() => [.. A.Pieces, .. B.Pieces];

    public override string ToString() => $"({A} ∩ {B})";
}
