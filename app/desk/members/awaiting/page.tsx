import { MembersView, type SearchParams } from "../members-view";

export const metadata = { title: "Awaiting confirmation" };

/** Addresses that asked to join and never confirmed by signing in. */
export default function AwaitingPage({ searchParams }: { searchParams: SearchParams }) {
  return <MembersView filter="awaiting" searchParams={searchParams} />;
}
