namespace Pinn.Abstractions;

/// <summary>A contract type of the imagined Pinn.Abstractions 2.0.</summary>
public interface IFutureContract
{
    /// <summary>Something version 2 has.</summary>
    string Describe();
}
