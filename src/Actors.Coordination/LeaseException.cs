namespace ActorShutdown.Coordination;

/// <summary>A lease operation failed: its store raised an error, or it did not finish in time.</summary>
public class LeaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LeaseException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the store's error.</summary>
    public LeaseException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A lease operation did not finish within <see cref="LeaseSettings.OperationTimeout"/>.</summary>
public class LeaseTimeoutException : LeaseException
{
    /// <summary>Creates the exception.</summary>
    public LeaseTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public LeaseTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
