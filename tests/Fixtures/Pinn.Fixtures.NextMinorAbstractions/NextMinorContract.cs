namespace Pinn.Abstractions;

/// <summary>A contract type the next minor version of Pinn.Abstractions adds.</summary>
public interface INextMinorContract
{
    /// <summary>Something the next minor version has.</summary>
    string Describe();
}
