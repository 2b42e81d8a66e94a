import { MembersView, type SearchParams } from "./members-view";

export const metadata = { title: "Members" };

/** The confirmed members: signed in at least once, imported by the publisher, or editors. */
export default function MembersPage({ searchParams }: { searchParams: SearchParams }) {
  return <MembersView filter="confirmed" searchParams={searchParams} />;
}
