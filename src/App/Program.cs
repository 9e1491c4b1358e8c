Console.WriteLine("ActorShutdown demo service: coming soon.");
return 0;
