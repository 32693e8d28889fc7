namespace Pinn.Abstractions.Problems;

/// <summary>A problem that can impose some of its conditions exactly (<c>"model": { "hardConstraints": true }</c>).</summary>
public interface IHardConstrainedProblem : IProblem
{
    /// <summary>The constraint: which conditions it replaces, φ and g.</summary>
    HardConstraint HardConstraint { get; }
}
