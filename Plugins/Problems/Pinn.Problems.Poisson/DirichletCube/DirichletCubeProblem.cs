using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Poisson.DirichletCube;

/// <summary>
/// An elliptic problem on the cube [a, b]^d with Dirichlet data from its solution: an "interior" condition with
/// the derived problem's residual and a "boundary" condition u − u* on the faces (sampled by area).
/// </summary>
internal abstract class DirichletCubeProblem : PdeProblem
{
    /// <param name="dimension">d.</param>
    /// <param name="lower">a.</param>
    /// <param name="upper">b.</param>
    /// <param name="interiorRequest">The derivatives <see cref="InteriorResidual"/> reads.</param>
    /// <param name="interiorPoints">Default N of the interior.</param>
    /// <param name="boundaryPoints">Default N of the boundary.</param>
    protected DirichletCubeProblem(int dimension, double lower, double upper, DerivativeRequest interiorRequest, int interiorPoints, int boundaryPoints)
        : base(CoordinateNames(dimension), Box.Cube(dimension, lower, upper))
    {
        var cube = Box.Cube(dimension, lower, upper);
        Conditions =
        [
            new Condition("interior", cube, interiorRequest, InteriorResidual, DefaultPoints: interiorPoints),
            new Condition("boundary", new BoxBoundary(cube), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: boundaryPoints),
        ];
    }

    /// <summary>The PDE residual at the interior points: [N, 1].</summary>
    protected abstract torch.Tensor InteriorResidual(ResidualInputs inputs);
}
