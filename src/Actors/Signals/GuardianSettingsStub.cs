namespace ActorShutdown;

// TEMPORARY, dropped when main's ShutdownGuardian has its Settings property.
internal static class GuardianSettingsStub
{
    extension(ShutdownGuardian guardian)
    {
        internal ShutdownGuardianSettings Settings => throw new NotImplementedException();
    }
}
