namespace Pinn.Abstractions.Plugins;

/// <summary>Options that check their own values after they are read from the manifest.</summary>
public interface IValidatableOptions
{
    /// <summary>Every problem with the values; empty when they are fine. Field names may be the
    /// C# property names (<c>nameof(Lr)</c>): they are reported in the manifest's camelCase.</summary>
    IEnumerable<OptionError> Validate();
}
