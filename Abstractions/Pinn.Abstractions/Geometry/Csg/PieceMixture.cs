using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry.Csg;

/// <summary>
/// The union of boundary pieces as a directly mapped domain: the first unit coordinate picks a piece with
/// probability ∝ its measure, the next k place the point on it. Points are uniform by measure on the union.
/// </summary>
internal sealed class PieceMixture : IDomain
{
    private readonly IReadOnlyList<BoundaryPiece> _pieces;
    private readonly double[] _cumulative;

    public PieceMixture(IReadOnlyList<BoundaryPiece> pieces, int dimension, (double[] Lower, double[] Upper) bounds)
    {
        _pieces = pieces;
        Dimension = dimension;
        Bounds = bounds;
        Measure = pieces.Sum(p => p.Measure);
        _cumulative = new double[pieces.Count];
        var running = 0.0;
        for (var i = 0; i < pieces.Count; i++) _cumulative[i] = (running += pieces[i].Measure) / Measure;
        SamplingDimension = 1 + pieces.Max(p => p.SamplingDimension);
    }

    public int Dimension { get; }

    public int SamplingDimension { get; }

    public double Measure { get; }

    public (double[] Lower, double[] Upper) Bounds { get; }

    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, "boundary pieces");
        using var scope = torch.NewDisposeScope();
        var n = unit.shape[0];
        var cuts = torch.tensor(_cumulative[..^1], unit.dtype, unit.device);
        var piece = (unit[.., 0..1] >= cuts).sum(1);                                   // [N] in 0..P-1
        var x = torch.zeros([n, Dimension], unit.dtype, unit.device);
        for (var i = 0; i < _pieces.Count; i++)
        {
            var rows = piece.eq(i).nonzero().squeeze(1);
            if (rows.shape[0] == 0) continue;
            var k = _pieces[i].SamplingDimension;
            var local = unit.index_select(0, rows)[.., 1..(1 + k)];
            x.index_copy_(0, rows, _pieces[i].Map(local));
        }
        return x.MoveToOuterDisposeScope();
    }

    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        using var scope = torch.NewDisposeScope();
        return torch.stack(_pieces.Select(p => p.Distance(x)).ToArray(), 1).amin([1L]).le(tolerance).MoveToOuterDisposeScope();
    }

    public override string ToString() => string.Join(" ∪ ", _pieces.Select(p => p.Name).Distinct());
}
