namespace Pinn.Host.Training;

/// <summary>The output folder cannot be used for this run; the message says why and what to do.</summary>
internal sealed class RunFolderException(string message) : Exception(message);
